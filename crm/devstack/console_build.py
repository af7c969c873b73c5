"""Install the console's npm packages and build it into public/, each only when its inputs changed."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
PUBLIC = ROOT / "public"
SOURCES = ("src", "index.html", "package.json", "package-lock.json", "tsconfig.json", "vite.config.ts")


class ConsoleBuildError(RuntimeError):
    """npm could not install or build the console."""


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(WEB)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _source_files() -> list[Path]:
    files: list[Path] = []
    for name in SOURCES:
        path = WEB / name
        files += [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
    return files


def _npm(*args: str) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise ConsoleBuildError("npm is not installed: the console needs Node.js 20.19 or newer with npm")
    result = subprocess.run([npm, *args], cwd=WEB, capture_output=True, text=True)
    if result.returncode != 0:
        raise ConsoleBuildError(f"npm {' '.join(args)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")


def ensure_npm_packages() -> None:
    stamp = WEB / "node_modules" / f".installed-{_digest([WEB / 'package-lock.json'])}"
    if not stamp.exists():
        _npm("ci", "--no-audit", "--no-fund", "--loglevel=error")
        stamp.touch()


def ensure_console_built() -> Path:
    """Build the console unless public/ already holds the build of the current sources; returns public/."""
    with _build_lock():  # test workers running at once build it once
        ensure_npm_packages()
        stamp = PUBLIC / f".build-{_digest(_source_files())}"
        if not stamp.exists():
            _npm("run", "build")
            stamp.touch()
    return PUBLIC


@contextlib.contextmanager
def _build_lock() -> Iterator[None]:
    """Held while the npm packages are installed and the console is built: one process at a time."""
    lock = WEB / ".console-build.lock"
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
