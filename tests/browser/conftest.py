"""The browser tests' stack, started once per session and only when browser tests run: the session's Firestore
emulator, a Firebase Auth emulator, the API and the built console on one local origin (a real HTTP server on a free
port), and one headless Chromium (Debian's) shared by every test. Each test signs in through the form in a fresh
browser context, and separates its data by a marker of its own (a tag and names)."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from crm.devstack.auth_emulator import AuthEmulator, DemoUser
from crm.devstack.console_build import ensure_console_built
from crm.devstack.console_server import ConsoleApp, ConsoleServer, firebase_web_config
from crm.settings import Settings, settings_from_env
from tests.browser.support import ApiCaller, ConsoleUser

# A project of its own on the session's emulator: the console listens to the real (unprefixed) collection names,
# which is what firestore.rules govern.
BROWSER_PROJECT = "demo-crm-browser"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-dev-shm-usage"]
USERS = {
    "admin": ConsoleUser("b-admin", "admin@browser.example", "admin-pass-1", "admin", "Ada Admin"),
    "manager": ConsoleUser("b-manager", "manager@browser.example", "manager-pass-1", "manager", "Max Manager"),
    "rep": ConsoleUser("b-rep", "rep@browser.example", "rep-pass-1", "rep", "Rita Rep"),
    "viewer": ConsoleUser("b-viewer", "viewer@browser.example", "viewer-pass-1", "viewer", "Vic Viewer"),
    "newcomer": ConsoleUser("b-newcomer", "newcomer@browser.example", "newcomer-pass-1", None, "Nell Newcomer"),
    "trainee": ConsoleUser("b-trainee", "trainee@browser.example", "trainee-pass-1", None, "Tom Trainee"),
    "affiliate": ConsoleUser("b-affiliate", "affiliate@browser.example", "affiliate-pass-1", "affiliate",
                             "Alf Affiliate"),
}
# Answers the console expects and handles (a refused save, a conflict): Chromium logs each as a console error.
EXPECTED_HTTP_ERRORS = re.compile(r"Failed to load resource: the server responded with a status of (4\d\d)")
# The Firestore SDK's notice that it got no answer within 10 s (it keeps trying, and the listener delivers once the
# answer comes): on a machine shared by several emulators the local one is sometimes that slow. What a test asserts
# still has to happen.
SLOW_FIRESTORE = re.compile(r"@firebase/firestore: .*Could not reach Cloud Firestore backend")

expect.set_options(timeout=20_000)

LIVE = "Live: changes by others show at once"


class Stack:
    def __init__(self, url: str, settings: Settings):
        self.url = url
        self.settings = settings

    def api_as(self, role: str, uid: str | None = None) -> ApiCaller:
        return ApiCaller(self.url, BROWSER_PROJECT, uid or USERS[role].uid, role)


@pytest.fixture(scope="session")
def auth_emulator() -> Iterator[AuthEmulator]:
    with AuthEmulator(BROWSER_PROJECT) as emulator:
        for user in USERS.values():
            emulator.create_user(DemoUser(user.uid, user.email, user.password, user.role, user.name))
        yield emulator


@pytest.fixture(scope="package")
def stack(local_env: dict[str, str], auth_emulator: AuthEmulator) -> Iterator[Stack]:
    """The API and the console, for the browser tests only: while they run, firebase-admin (which finds the Auth
    emulator by the environment alone) talks to the real Auth emulator, so the users' directory lists its users;
    afterwards every other test's Auth calls go to the port the session holds again."""
    ensure_console_built()
    settings = settings_from_env({**local_env, "GOOGLE_CLOUD_PROJECT": BROWSER_PROJECT,
                                  "FIREBASE_AUTH_EMULATOR_HOST": auth_emulator.address})
    config = firebase_web_config(BROWSER_PROJECT, auth_emulator.url, local_env["FIRESTORE_EMULATOR_HOST"])
    server = ConsoleServer(ConsoleApp(settings, config)).start_in_background()
    os.environ["FIREBASE_AUTH_EMULATOR_HOST"] = auth_emulator.address
    try:
        yield Stack(server.url, settings)
    finally:
        os.environ["FIREBASE_AUTH_EMULATOR_HOST"] = local_env["FIREBASE_AUTH_EMULATOR_HOST"]
        server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Debian's chromium is needed for the browser tests: apt-get install -y chromium (bin/test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def marker() -> str:
    """This test's own word: in its customers' names and tags, so it finds only its own data."""
    return f"m{uuid.uuid4().hex[:8]}"


@pytest.fixture
def open_console(browser, stack: Stack, tmp_path: Path) -> Iterator[Callable[..., object]]:
    """Open a fresh browser context and sign in through the form as ``role``; at the end, no page of the test may
    have logged an error (expected 4xx answers aside)."""
    contexts = []
    problems: list[str] = []

    def open_as(role: str, *, path: str = "/customers", viewport=(1280, 860), sign_in: bool = True):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="en-GB")
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: _note(message, problems))
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.goto(f"{stack.url}{path}")
        if sign_in:
            sign_in_through_form(page, USERS[role])
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert problems == [], "the browser console reported errors"


def _note(message, problems: list[str]) -> None:
    expected = EXPECTED_HTTP_ERRORS.search(message.text) or SLOW_FIRESTORE.search(message.text)
    if message.type == "error" and not expected:
        problems.append(f"console error: {message.text}")


def sign_in_through_form(page, user: ConsoleUser) -> None:
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    if user.role:
        expect(page.get_by_role("button", name=f"Account: {user.email}")).to_be_visible()


def open_manage_menu(page) -> None:
    """Open the menu's Manage list (the set-up and housekeeping screens the role may open)."""
    page.get_by_role("button", name="Manage", exact=True).click()


def open_account_menu(page, email: str | None = None) -> None:
    """Open the top bar's account menu (who is signed in, the language, signing out)."""
    page.get_by_role("button", name=f"Account: {email}" if email else re.compile(r"^Account: ")).click()


def switch_language(page, language: str) -> None:
    """Choose the console's language in the account menu, and close the menu."""
    open_account_menu(page)
    page.get_by_role("combobox", name="Language").select_option(language)
    page.keyboard.press("Escape")


def wait_until_live(page) -> None:
    """Wait until every change listener of the page has heard from the server (the top bar's live dot), so that a
    change made next is one the listeners must report; under load the first answer can take longer than 10 s."""
    expect(page.get_by_title(LIVE)).to_be_attached(timeout=60_000)


def screenshot(page, name: str) -> None:
    """Every screen a test reaches is kept as a picture in artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
