"""Programmes built from code: the one place that makes demo, benchmark, load-test and
test-fixture data. It reads every app, so it sits at the top of the import map, beside
capacity's reports; nothing in the apps imports it. Importable in production
(`manage.py demo_data` runs there).

    catalogue.py           the real 2020 programme of the first field report, as data
    example_plans.py       the demo's two strategic plans, as data
    demo.py                load_demo(): the 2020 programme, by parts:
      demo_organisations.py  regions, centres, rooms, 15 organisations, 30 people
      demo_training.py       project CB-2020, its five workshops, sessions and marks
      demo_coaching.py       four coaching days per organisation, the example plans
      demo_services.py       bookings, support visits, needs assessments
    users.py               the demo logins, and logins for the load test
    build.py               build_programme(size): a generated programme of any size
    bulk.py                its fast bulk path (benchmark scale: 250,000 marks)
    parts.py               steps all of them share: a project with its phases, when a
                           session's attendance was taken, marks written in bulk
"""

from capacity.programme.build import Size, bench_code, build_programme

__all__ = ["Size", "bench_code", "build_programme"]
