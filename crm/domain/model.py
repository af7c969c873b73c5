"""The base of every model: its validators and serializers are built when it is first used, not when its module is
imported, so a new function instance pays only for the models its requests use (cold start)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True)
