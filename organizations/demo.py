"""Demo data: the organisations of the 2020 capacity-building project (DESIGN.md).

Every function gets or creates by natural key, so loading twice changes nothing.
"""

from organizations.models import Centre, FocusArea, Gender, Organization, Person, Region, Room

REGIONS = {
    "raqqa": ("الرقة", "Raqqa"),
    "deir": ("ريف دير الزور", "Rural Deir ez-Zor"),
    "tabqa": ("الطبقة", "Tabqa"),
}

FOCUS_AREAS = [
    ("تمكين المرأة", "Women's empowerment"),
    ("الشباب", "Youth"),
    ("التعليم", "Education"),
    ("الإغاثة", "Relief"),
    ("بناء السلام", "Peacebuilding"),
    ("التنمية المحلية", "Local development"),
]

CENTRES = [
    (
        "raqqa",
        "مركز الرقة",
        "Raqqa centre",
        "الرقة",
        [("قاعة التدريب", "Training hall", 30), ("غرفة الاجتماعات", "Meeting room", 12)],
    ),
    (
        "tabqa",
        "مركز الطبقة",
        "Tabqa centre",
        "الطبقة",
        [("قاعة التدريب", "Training hall", 25), ("غرفة الاجتماعات", "Meeting room", 10)],
    ),
]

# (Arabic name, English name, region, town, focus area index)
ORGANIZATIONS = [
    ("توتول", "Tuttul", "raqqa", "الرقة", 5),
    ("العهد", "Al-Ahd", "raqqa", "الرقة", 1),
    ("فصول الأربعة", "Four Seasons", "raqqa", "الرقة", 2),
    ("معاً لأجل الجرنية", "Together for Al-Jurniyah", "raqqa", "الرقة", 5),
    ("نبض", "Nabd", "raqqa", "الرقة", 1),
    ("ديرنا", "Dayrna", "deir", "", 5),
    ("آشنا فرع دير الزور", "Ashna, Deir ez-Zor branch", "deir", "", 0),
    ("بصمة أمل", "Basmat Amal", "deir", "", 0),
    ("تنمية بلا حدود", "Development Without Borders", "deir", "", 5),
    ("حلم للتنمية", "Hulm for Development", "deir", "", 2),
    ("بداية", "Bidaya", "deir", "", 1),
    ("الاستجابة الميدانية", "Field Response", "deir", "", 3),
    ("أمل باغوز", "Amal Baghouz", "deir", "الباغوز", 3),
    ("ماري", "Mari", "deir", "", 4),
    ("سام", "Sam", "deir", "", 4),
]

WOMEN = [
    "فاطمة",
    "مريم",
    "آمنة",
    "هدى",
    "رؤى",
    "إيمان",
    "نور",
    "سلمى",
    "ريم",
    "أسماء",
    "لمى",
    "هبة",
    "دعاء",
    "رنا",
    "سارة",
]
MEN = [
    "أحمد",
    "محمد",
    "عمر",
    "خالد",
    "يوسف",
    "إبراهيم",
    "مصطفى",
    "علي",
    "حسن",
    "مؤيد",
    "سامر",
    "عبد الله",
    "فراس",
    "ماهر",
    "باسل",
]
FAMILIES = [
    "الأحمد",
    "الحسين",
    "العلي",
    "الخلف",
    "الجاسم",
    "المحمد",
    "الصالح",
    "الحمود",
    "العبد الله",
    "الإبراهيم",
    "الموسى",
    "الحسن",
    "الخليل",
    "السالم",
    "العمر",
]


def load():
    """Create the demo organisations and people; return a one-line summary."""
    regions = {
        key: Region.objects.get_or_create(name_ar=ar, defaults={"name_en": en})[0] for key, (ar, en) in REGIONS.items()
    }
    areas = [FocusArea.objects.get_or_create(name_ar=ar, defaults={"name_en": en})[0] for ar, en in FOCUS_AREAS]
    for region, ar, en, town, rooms in CENTRES:
        centre, _ = Centre.objects.get_or_create(
            name_ar=ar, defaults={"name_en": en, "region": regions[region], "town": town}
        )
        for room_ar, room_en, capacity in rooms:
            Room.objects.get_or_create(
                centre=centre, name_ar=room_ar, defaults={"name_en": room_en, "capacity": capacity}
            )
    ashna, _ = Organization.objects.get_or_create(
        name_ar="آشنا",
        defaults={"name_en": "Ashna", "region": regions["raqqa"], "notes": "المنظمة الأم لفرع دير الزور."},
    )
    for index, (ar, en, region, town, area) in enumerate(ORGANIZATIONS):
        org, created = Organization.objects.get_or_create(
            name_ar=ar,
            defaults={
                "name_en": en,
                "region": regions[region],
                "town": town,
                "branch_of": ashna if ar.startswith("آشنا ") else None,
                "founded_year": 2016 + index % 4,
                "registration_status": "registered" if index % 3 else "in_process",
                "contact_person": f"{MEN[index]} {FAMILIES[(index + 3) % 15]}",
            },
        )
        if created:
            org.focus_areas.add(areas[area])
        _demo_people(org, index)
    return f"{Organization.objects.count()} organisations, {Person.objects.count()} people"


def _demo_people(org, index):
    for gender, first in ((Gender.FEMALE, WOMEN[index]), (Gender.MALE, MEN[index])):
        Person.objects.get_or_create(
            organization=org,
            full_name=f"{first} {FAMILIES[index]}",
            defaults={
                "gender": gender,
                "position": "منسقة مشاريع" if gender == Gender.FEMALE else "مدير تنفيذي",
                "phone": f"+963 9{index:02d} 000 {100 + index}",
                "birth_year": 1985 + index,
                "consent": True,
            },
        )
