"""Lists of names in a sentence: "،" between Arabic names, ", " between English ones."""

from django.utils.translation import pgettext


def join_names(items):
    """items as one line of text, separated as the active language writes a list."""
    return pgettext("between names in a list", ", ").join(str(item) for item in items)
