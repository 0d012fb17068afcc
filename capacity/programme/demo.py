"""The demo: the real 2020 programme of the first field report (catalogue.py), loaded by
`manage.py demo_data`: its organisations and trainees, the five phase-1 workshops with
their attendance, the coaching phase with two example plans, the centres' services, and
one login per role. Every part gets or creates by natural keys, so loading twice changes nothing.
"""

from django.db import transaction

from capacity.programme import (
    demo_coaching,
    demo_evaluation,
    demo_organisations,
    demo_records,
    demo_results,
    demo_services,
    demo_training,
)
from capacity.programme.users import load_demo_users

# (name, loader) in the order of the import map; each loader returns a one-line summary.
PARTS = [
    ("organisations", demo_organisations.load),
    ("training", demo_training.load),
    ("coaching", demo_coaching.load),
    ("services", demo_services.load),
    ("requests and meetings", demo_records.load),
    ("evaluation", demo_evaluation.load),
    ("results", demo_results.load),
]


@transaction.atomic
def load_demo(random_passwords=False):
    """Load every part; return ([(part, summary)], the demo logins as in users.DEMO_USERS)."""
    return [(name, loader()) for name, loader in PARTS], load_demo_users(random_passwords)
