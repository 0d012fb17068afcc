"""The demo's places and organisations: regions, focus areas, the Raqqa and Tabqa centres and
their rooms, the 15 organisations of the first report (and the parent of the Deir ez-Zor
branch), one woman and one man of each. Got or created by name: loading twice changes nothing.
"""

from capacity.programme import catalogue
from organizations.models import Centre, FocusArea, Gender, Organization, Person, Region, Room


def load():
    """Regions, focus areas, the two centres and their rooms, the 15 organisations, 30 people."""
    regions = {
        key: Region.objects.get_or_create(name_ar=ar, defaults={"name_en": en})[0]
        for key, (ar, en) in catalogue.REGIONS.items()
    }
    areas = [
        FocusArea.objects.get_or_create(name_ar=ar, defaults={"name_en": en})[0] for ar, en in catalogue.FOCUS_AREAS
    ]
    for region, ar, en, town, rooms in catalogue.CENTRES:
        centre, _ = Centre.objects.get_or_create(
            name_ar=ar, defaults={"name_en": en, "region": regions[region], "town": town}
        )
        for room_ar, room_en, capacity in rooms:
            Room.objects.get_or_create(
                centre=centre, name_ar=room_ar, defaults={"name_en": room_en, "capacity": capacity}
            )
    # The first report's organisations were registered at the Raqqa centre, which ran the project.
    home = Centre.objects.get(name_ar=catalogue.PROJECT_CENTRE[0])
    parent_ar, parent_en, parent_region, note = catalogue.PARENT
    parent, _ = Organization.objects.get_or_create(
        name_ar=parent_ar,
        defaults={"name_en": parent_en, "region": regions[parent_region], "notes": note, "centre": home},
    )
    for index, (ar, en, region, town, area) in enumerate(catalogue.ORGANIZATIONS):
        org, created = Organization.objects.get_or_create(
            name_ar=ar,
            defaults={
                "name_en": en,
                "region": regions[region],
                "town": town,
                "branch_of": parent if ar.startswith(parent_ar + " ") else None,
                "founded_year": 2016 + index % 4,
                "registration_status": "registered" if index % 3 else "in_process",
                "centre": home,
                "contact_person": f"{catalogue.MEN[index]} {catalogue.FAMILIES[(index + 3) % 15]}",
            },
        )
        if created:
            org.focus_areas.add(areas[area])
        _people(org, index)
    return f"{Organization.objects.count()} organisations, {Person.objects.count()} people"


def _people(org, index):
    """One woman and one man of each organisation."""
    for gender, first in ((Gender.FEMALE, catalogue.WOMEN[index]), (Gender.MALE, catalogue.MEN[index])):
        Person.objects.get_or_create(
            organization=org,
            full_name=f"{first} {catalogue.FAMILIES[index]}",
            defaults={
                "gender": gender,
                "position": "منسقة مشاريع" if gender == Gender.FEMALE else "مدير تنفيذي",
                "phone": f"+963 9{index:02d} 000 {100 + index}",
                "birth_year": 1985 + index,
                "consent": True,
            },
        )
