"""Erasing a person's personal data, across apps that may not import each other.

The person lives in organizations, but marks (with their remarks) live in trainings,
which organizations may not import. Each app registers, in its AppConfig.ready, a
function that blanks what it holds about one person; organizations.erasure runs
them all in the same transaction as its own.
"""

_erasers = []


def register(func):
    """func(person_id) blanks what an app keeps about that person (remarks, their history)."""
    if func not in _erasers:
        _erasers.append(func)


def run_all(person_id):
    for func in _erasers:
        func(person_id)
