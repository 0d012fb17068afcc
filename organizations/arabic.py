"""Arabic search normalisation.

People type names without hamza, diacritics or tatweel, and with ه for ة or
ي for ى; this folds every spelling to one key, stored beside the name, so a
plain substring match finds them the same way on SQLite and PostgreSQL.
"""

import re
import unicodedata

# Harakat, Quranic marks, superscript alef and tatweel.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
    }
)
_SPACES = re.compile(r"\s+")


def clean_name(text):
    """A name as it is saved: NFC, without Unicode format characters (category Cf).

    Invisible marks (U+200F right-to-left mark, U+200C zero-width non-joiner, U+202E
    right-to-left override) come in with copied text; they would make "the same" name
    two different names and let a namesake pass unnoticed.
    """
    if not text:
        return ""
    # Spaces are left as typed (forms strip them): only what cannot be seen goes.
    return "".join(ch for ch in unicodedata.normalize("NFC", str(text)) if unicodedata.category(ch) != "Cf")


def normalize(text):
    """Return the search key of text: no marks or format characters, one alef, lower case, single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", clean_name(text))
    text = _MARKS.sub("", text).translate(_LETTERS).casefold()
    return _SPACES.sub(" ", text).strip()
