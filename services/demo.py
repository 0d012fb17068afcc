"""Demo data of services; filled in by the issue that builds it."""


def load():
    return "nothing yet"
