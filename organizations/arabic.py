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


def normalize(text):
    """Return the search key of text: no marks, one alef, lower case, single spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = _MARKS.sub("", text).translate(_LETTERS).casefold()
    return _SPACES.sub(" ", text).strip()
