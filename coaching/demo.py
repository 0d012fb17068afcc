"""Demo data of coaching; filled in by the issue that builds it."""


def load():
    return "nothing yet"
