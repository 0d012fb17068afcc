"""Demo data of trainings; filled in by the issue that builds it."""


def load():
    return "nothing yet"
