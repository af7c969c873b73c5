"""The Firebase Auth emulator (from firebase-tools, see bin/firebase-tools) on free ports, in a process group of its
own, and the demo users made in it through its REST API."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from crm.devstack.emulator import EmulatorError, free_port

ROOT = Path(__file__).resolve().parents[2]
FIREBASE_TOOLS = ROOT / "bin" / "firebase-tools"


class AuthEmulator:
    """``firebase emulators:start --only auth`` for one project, with its hub and logging ports free ones too."""

    def __init__(self, project_id: str, *, host: str = "127.0.0.1", port: int | None = None):
        self.project_id = project_id
        self.host = host
        self.port = port or free_port(host)
        self._process: subprocess.Popen[bytes] | None = None
        self._started = False
        self._workdir = Path(tempfile.mkdtemp(prefix="crm-auth-emulator-"))
        self.log_path = self._workdir / "emulator.log"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def start(self, timeout: float = 180.0) -> AuthEmulator:
        config = {
            "emulators": {
                "auth": {"host": self.host, "port": self.port},
                "hub": {"host": self.host, "port": free_port(self.host)},
                "logging": {"host": self.host, "port": free_port(self.host)},
                "ui": {"enabled": False},
                "singleProjectMode": True,
            }
        }
        (self._workdir / "firebase.json").write_text(json.dumps(config))
        command = [str(FIREBASE_TOOLS), "emulators:start", "--only", "auth", "--project", self.project_id,
                   "--config", str(self._workdir / "firebase.json")]
        env = {**os.environ, "NO_UPDATE_NOTIFIER": "1", "CI": os.environ.get("CI", "true")}
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(command, cwd=self._workdir, stdout=log, stderr=subprocess.STDOUT,
                                             stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise EmulatorError(f"the Auth emulator exited early; see {self.log_path}")
            if self.answers():
                self._started = True
                return self
            time.sleep(0.25)
        self.stop()
        raise EmulatorError(f"the Auth emulator did not answer within {timeout:.0f}s; see {self.log_path}")

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/", timeout=1) as response:
                return bool(json.load(response).get("authEmulator", {}).get("ready"))
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            self._terminate(process)
        if self._started:  # a failed start keeps its log for reading
            shutil.rmtree(self._workdir, ignore_errors=True)

    @staticmethod
    def _terminate(process: subprocess.Popen[bytes]) -> None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        except ProcessLookupError:
            pass

    def __enter__(self) -> AuthEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def create_user(self, user: DemoUser) -> None:
        """Create (or replace) ``user`` with its password and its role claim (none for a user without a role)."""
        accounts = f"{self.url}/identitytoolkit.googleapis.com/v1/projects/{self.project_id}/accounts"
        self._call(f"{accounts}:delete", {"localId": user.uid}, missing_ok=True)
        self._call(accounts, {"localId": user.uid, "email": user.email, "password": user.password,
                              "displayName": user.display_name})
        if user.role:
            self._call(f"{accounts}:update", {"localId": user.uid, "customAttributes": json.dumps({"role": user.role})})

    def _call(self, url: str, body: dict, *, missing_ok: bool = False) -> dict:
        request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
            "Content-Type": "application/json", "Authorization": "Bearer owner"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return json.load(response)
        except urllib.error.HTTPError as exc:
            if missing_ok and exc.code == 400:
                return {}
            raise EmulatorError(f"the Auth emulator refused {url}: {exc.read().decode(errors='replace')}") from exc


@dataclass(frozen=True)
class DemoUser:
    uid: str
    email: str
    password: str
    role: str | None
    display_name: str


# The rep's uid owns a third of the demo customers (crm.devstack.demo_data.OWNERS).
DEMO_USERS = (
    DemoUser("demo-admin", "admin@example.com", "demo-admin-pass", "admin", "Alex Admin"),
    DemoUser("demo-manager", "manager@example.com", "demo-manager-pass", "manager", "Mina Manager"),
    DemoUser("rep-maria", "maria@example.com", "demo-rep-pass", "rep", "Maria Rep"),
    DemoUser("demo-viewer", "viewer@example.com", "demo-viewer-pass", "viewer", "Vicky Viewer"),
    DemoUser("demo-newcomer", "newcomer@example.com", "demo-newcomer-pass", None, "Nick Newcomer"),
    DemoUser("demo-affiliate", "affiliate@example.com", "demo-affiliate-pass", "affiliate", "Eleni Affiliate"),
)
