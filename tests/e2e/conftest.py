"""Real-browser fixtures: Debian's Chromium driven by Playwright against live_server."""

import os

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "a-long-test-password"


# The fixtures browser and new_page live in tests/conftest.py: one browser for the whole run,
# whichever folder's test opens it first (two sync Playwrights in one thread cannot run).


def login(page, live_server, username, password=PASSWORD):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit] >> nth=-1")
    page.wait_for_url(f"{live_server.url}/")
