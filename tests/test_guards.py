"""Site-wide guards: migrations, login everywhere, no foreign hosts, translations."""

import re
import unicodedata
from gettext import GNUTranslations
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.core.management import call_command

from capacity.programme.demo import load_demo
from tests.urlwalk import all_urls

ROOT = Path(__file__).resolve().parent.parent
# Views a visitor may open without logging in.
PUBLIC = {"login", "set_language", "admin:login"}
# The installable app's worker and manifest (issue 16); the offline queue's endpoint answers a
# signed-out phone 401 in JSON (tests/trainings/test_offline_sync.py), not a login page.
PUBLIC |= {"service_worker", "manifest", "trainings:offline_marks"}
# A trainee answers feedback or a test without an account, through a signed, expiring link
# (issue 18; tests/evaluation): a made-up token gets a 404 page, not a login page.
PUBLIC |= {"answer:answer", "answer:done"}
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def test_no_model_change_without_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "path"), list(all_urls()))
def test_every_url_sends_anonymous_visitors_to_login(client, name, path):
    if name in PUBLIC:
        pytest.skip("public by design")
    response = client.get(path)
    assert response.status_code in (302, 405), (name, path, response.status_code)
    if response.status_code == 302:
        assert response["Location"].startswith(LOGIN_PATHS), (name, response["Location"])


FOREIGN = re.compile(r"""(?:src|href|action|srcset)\s*=\s*["']\s*(?:https?:)?//""", re.I)
FOREIGN_CSS = re.compile(r"""url\(\s*["']?\s*(?:https?:)?//|@import\s+["']?(?:https?:)?//""", re.I)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "en"])
def test_pages_refer_to_no_other_host_and_never_fail(client, admin_user, language):
    """Every page, opened by an administrator on the demo data, names no host but its own."""
    load_demo()
    client.force_login(admin_user)
    client.cookies["django_language"] = language
    checked = 0
    for name, path in all_urls():
        if path.startswith("/admin/") or name in ("logout", "set_language"):
            continue
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert not FOREIGN.search(html), (path, FOREIGN.search(html).group(0))
        assert not FOREIGN_CSS.search(html), path
        assert f'lang="{language}"' in html, path
        checked += 1
    assert checked >= 8


def test_vendored_css_refers_to_no_other_host():
    for css in (ROOT / "static").rglob("*.css"):
        assert not FOREIGN_CSS.search(css.read_text(encoding="utf-8")), css


def _catalogues():
    skip = {".venv", "staticfiles", "node_modules"}
    return [p for p in ROOT.rglob("locale/ar/LC_MESSAGES/django.po") if not skip & set(p.parts)]


def test_there_are_arabic_catalogues():
    assert len(_catalogues()) >= 2


@pytest.mark.parametrize("po_path", _catalogues(), ids=lambda p: str(p.relative_to(ROOT)))
def test_arabic_catalogue_is_complete_and_compiled(po_path):
    catalogue = read_po(po_path.open("rb"))
    # A fuzzy header is skipped by msgfmt, and with it the Arabic plural rule.
    assert not catalogue.fuzzy, f"{po_path}: remove the fuzzy flag of the header"
    assert "nplurals=6" in dict(catalogue.mime_headers).get("Plural-Forms", ""), po_path
    untranslated = [
        m.id
        for m in catalogue
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert not untranslated, untranslated[:10]
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run compilemessages"
    compiled = GNUTranslations(mo_path.open("rb"))
    for message in catalogue:
        if not message.id or message.pluralizable:
            continue
        key = f"{message.context}\x04{message.id}" if message.context else message.id
        assert compiled._catalog.get(key) == message.string, f"{mo_path} is older than its .po: {message.id!r}"


def test_source_has_no_bidi_control_characters():
    """Stray RLO/LRO marks in code or templates can hide what a line really says."""
    for path in list(ROOT.glob("*/**/*.py")) + list(ROOT.glob("templates/**/*.html")):
        if ".venv" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        bad = {
            c
            for c in text
            if unicodedata.category(c) == "Cf" and c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
        }
        assert not bad, path
