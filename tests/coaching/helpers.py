"""Helpers of the coaching tests: POST data as a browser would send the page back, PDF words."""

import io
import unicodedata


def _put(data, form, name):
    value = form[name].value()
    if value is None or value is False:
        return
    if value is True:
        value = "on"
    data[form.add_prefix(name)] = value


def page_data(response):
    """The POST data of the forms and formsets of a rendered editor page, as they stand."""
    data = {}
    context = response.context
    for key in ("form", "version_form"):
        if key in context:
            for name in context[key].fields:
                _put(data, context[key], name)
    formsets = list(context.get("formsets", {}).values()) if "formsets" in context else []
    for key in ("formset", "actions"):
        if key in context:
            formsets.append(context[key])
    for formset in formsets:
        management = formset.management_form
        for name in management.fields:
            _put(data, management, name)
        for form in formset.forms:
            for name in form.fields:
                _put(data, form, name)
    return data


def pdf_words(pdf_bytes):
    """The words of a PDF's text layer, NFKC-normalised, without Unicode Cf characters."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text.split(), reader


def words(text):
    return unicodedata.normalize("NFKC", text).split()


def contains_phrase(haystack, phrase):
    """True if the words of phrase occur consecutively in the word list haystack."""
    needle = words(phrase)
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))


def at_once(calls, timeout=30):
    """Run each call in its own thread, released together; {index: result or the exception raised}.

    Each thread closes its database connections when done. Needs a database file or server.
    """
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(calls))
    outcome = {}

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcome[index] = call()
        except Exception as error:  # noqa: BLE001 - the caller asserts which one it expected
            outcome[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcome


def needs_threads():
    """Skip a test whose threads cannot share SQLite's in-memory database."""
    import pytest
    from django.db import connection

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(("file:memorydb", ":memory:")):
        pytest.skip("threads need a database file or server")
