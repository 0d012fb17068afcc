from django.core.management.base import BaseCommand

from capacity.programme import Size, build_programme


class Command(BaseCommand):
    help = (
        "Make the large benchmark dataset (at scale 1: about 1,000 organisations, 20,000 people, "
        "500 workshops, 5,000 sessions, 250,000 attendance marks). Deterministic; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 for full size, 0.01 for a small one.")

    def handle(self, *args, scale, **options):
        if scale <= 0:
            self.stderr.write("The scale must be above 0.")
            return
        self.stdout.write(f"Planned at scale {scale:g}: {Size.at(scale)}")
        result = build_programme(scale, stdout=self.stdout)
        project = result.pop("project")
        self.stdout.write(self.style.SUCCESS(f"{project.code}: {result}"))
