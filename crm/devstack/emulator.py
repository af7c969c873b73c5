"""Find, start, wait for, wipe and stop the Cloud Firestore emulator, in a process group of its own."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

LAUNCHER_ENV = "CRM_FIRESTORE_EMULATOR"
WARM_UP_PROJECT = "demo-warm-up"
WELL_KNOWN_SDK_ROOTS = ("/usr/lib/google-cloud-sdk", "/usr/share/google-cloud-sdk", "/opt/google-cloud-sdk")
LAUNCHER_IN_SDK = "platform/cloud-firestore-emulator/cloud_firestore_emulator"
INSTALL_HINT = (
    "Install the Cloud Firestore emulator: `sudo apt-get install google-cloud-cli-firestore-emulator` (Debian/Ubuntu "
    "with Google's apt repository), or `gcloud components install cloud-firestore-emulator`, or set "
    f"{LAUNCHER_ENV} to its `cloud_firestore_emulator` launcher. It needs Java 11 or newer."
)


class EmulatorError(RuntimeError):
    """The emulator could not be found or did not come up."""


def find_launcher() -> Path:
    """The emulator's launcher: ``$CRM_FIRESTORE_EMULATOR``, else the one in gcloud's SDK.

    Raises:
        EmulatorError: no emulator is installed, or Java is missing.
    """
    candidates = []
    if os.environ.get(LAUNCHER_ENV):
        candidates.append(Path(os.environ[LAUNCHER_ENV]))
    candidates += [Path(root) / LAUNCHER_IN_SDK for root in WELL_KNOWN_SDK_ROOTS]
    sdk_root = _gcloud_sdk_root()
    if sdk_root:
        candidates.append(Path(sdk_root) / LAUNCHER_IN_SDK)
    launcher = next((c for c in candidates if c.is_file()), None)
    if launcher is None:
        raise EmulatorError(f"the Firestore emulator is not installed. {INSTALL_HINT}")
    if shutil.which(os.environ.get("JAVA", "java")) is None:
        raise EmulatorError("the Firestore emulator needs Java (11 or newer) on PATH")
    return launcher


def _gcloud_sdk_root() -> str | None:
    gcloud = shutil.which("gcloud")
    if not gcloud:
        return None
    try:
        out = subprocess.run(
            [gcloud, "info", "--format=value(installation.sdk_root)"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() or None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class FirestoreEmulator:
    """One emulator process group that this object started and alone stops."""

    def __init__(self, *, host: str = "127.0.0.1", port: int | None = None, rules: Path | None = None):
        self.host = host
        self.port = port or free_port(host)
        self.rules = rules
        self._process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(tempfile.gettempdir()) / f"firestore-emulator-{self.port}.log"

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self, timeout: float = 90.0) -> FirestoreEmulator:
        command = [str(find_launcher()), "start", f"--host={self.host}", f"--port={self.port}"]
        if self.rules:
            command.append(f"--rules={self.rules}")
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise EmulatorError(f"the emulator exited early; see {self.log_path}")
            if self.answers():
                self.warm_up()
                return self
            time.sleep(0.2)
        self.stop()
        raise EmulatorError(f"the emulator did not answer within {timeout:.0f}s; see {self.log_path}")

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://{self.address}/", timeout=1) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def warm_up(self, timeout: float = 120.0) -> None:
        """Write one document, in a project of its own, and wait as long as that takes: the emulator's first write
        is slow (10-20 s on a busy machine, while its Java code warms up), longer than the API's bound on one call
        (crm.store.client), which would otherwise answer that first write 503. Best effort: a failure here shows again
        at the first real write."""
        url = f"http://{self.address}/v1/projects/{WARM_UP_PROJECT}/databases/(default)/documents/warm_up/first"
        body = b'{"fields": {"warm": {"booleanValue": true}}}'
        request = urllib.request.Request(url, data=body, method="PATCH", headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                pass
        except (urllib.error.URLError, OSError):
            pass

    def wipe(self, project_id: str) -> None:
        wipe_data(self.address, project_id)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        except ProcessLookupError:
            pass

    def __enter__(self) -> FirestoreEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wipe_data(address: str, project_id: str) -> None:
    """Delete every document of ``project_id`` on the emulator at ``address``."""
    url = f"http://{address}/emulator/v1/projects/{project_id}/databases/(default)/documents"
    with urllib.request.urlopen(urllib.request.Request(url, method="DELETE"), timeout=30):
        pass
