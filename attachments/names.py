"""File names as users gave them, made safe to show and to send back in Content-Disposition."""

import unicodedata

MAX_STEM = 120


def safe_filename(name, extension):
    """name without its folders, control or bidi characters, with extension as its only extension.

    Arabic letters stay (Content-Disposition carries them as RFC 5987 filename*); a right-to-left
    override cannot make "photo<U+202E>gpj.exe" look like a picture, and a PDF named .jpg downloads as .pdf.
    """
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFC", base)
    kept = "".join(ch for ch in base if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ")
    stem = kept.rsplit(".", 1)[0] if "." in kept else kept
    stem = stem.strip(" .")[:MAX_STEM] or "file"
    return f"{stem}.{extension}"


def title_from(name):
    """A title for a file attached without one: its name without the extension."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C").strip()[:200]
