"""The real 2020 programme of the first field report (DESIGN.md), as data: no database here.

The demo (`manage.py demo_data`) is built from these facts; the generated programmes of
any size (benchmarks, load test) borrow its names.
"""

import datetime

D = datetime.date

# --- places --------------------------------------------------------------------------------

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

# (region, Arabic name, English name, town, [(room Arabic, room English, capacity)])
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

# --- organisations and people --------------------------------------------------------------

# The parent of the Deir ez-Zor branch: (Arabic, English, region, note).
PARENT = ("آشنا", "Ashna", "raqqa", "المنظمة الأم لفرع دير الزور.")
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
ORGANIZATION_NAMES = [row[0] for row in ORGANIZATIONS]

# One woman and one man of each organisation, by its index.
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
    "الأحمد", "الحسين", "العلي", "الخلف", "الجاسم", "المحمد", "الصالح", "الحمود",
    "العبد الله", "الإبراهيم", "الموسى", "الحسن", "الخليل", "السالم", "العمر",
]  # fmt: skip

# --- the training phase --------------------------------------------------------------------

PROJECT = {
    "code": "CB-2020",
    "name_ar": "مشروع بناء قدرات المنظمات المحلية",
    "name_en": "Capacity building of local organisations",
    "start_date": D(2020, 8, 1),
    "end_date": D(2020, 12, 31),
    "target_organizations": 15,
    "target_trainees": 30,
    "training": (D(2020, 8, 20), D(2020, 8, 31)),
    "coaching": (D(2020, 9, 27), D(2020, 12, 31)),
}
PROJECT_CENTRE = ("مركز الرقة", "قاعة التدريب")  # the centre and its room where workshops are held

# (name, phone, topics by English name)
TRAINERS = [
    ("سامر الخطيب", "+963 933 100 200", ["Fundraising", "Networking", "Communication and coordination"]),
    ("ليلى الحسن", "+963 944 300 400", ["Strategic planning", "SWOT analysis"]),
]

# (title, topic (English name), trainer index, first day); two mornings each, 9:00 to 13:00.
WORKSHOPS = [
    ("جمع التبرعات والحصول على التمويل والتحضير الداخلي لجمع التبرعات", "Fundraising", 0, D(2020, 8, 20)),
    ("التشبيك: الأهداف والمبادئ والقيم والأساليب", "Networking", 0, D(2020, 8, 22)),
    ("التخطيط الاستراتيجي", "Strategic planning", 1, D(2020, 8, 24)),
    ("تحليل SWOT", "SWOT analysis", 1, D(2020, 8, 26)),
    ("التواصل والتنسيق ونشر المعلومات", "Communication and coordination", 0, D(2020, 8, 29)),
]
WORKSHOP_DAYS = 2
SESSION_HOURS = (datetime.time(9, 0), datetime.time(13, 0))


def demo_status(person_index, session_index):
    """A fixed, varied pattern: most present, some late or excused, two trainees often absent."""
    if person_index % 15 == 14 and session_index % 2 == 0:
        return "absent"
    code = (person_index * 7 + session_index * 3) % 19
    return {0: "absent", 1: "late", 2: "excused"}.get(code, "present")


# --- the coaching phase --------------------------------------------------------------------

COACH = ("coach", "سلمى", "الخليل")  # user name, first and last name; the lead hands out logins
COACHING_FIRST_DAY = D(2020, 9, 27)
# The agenda codes covered on each of the four days.
COACHING_DAYS = [
    ["vision-mission-values", "institutional-analysis"],
    ["partners", "strengths-weaknesses", "achievements"],
    ["goals", "timeline"],
    ["evaluating-results", "monitoring-evaluation"],
]
COACHING_NOTES = [
    "صياغة الرؤية والرسالة مع مجلس الإدارة، ومراجعة القيم التي تعمل بها المنظمة.",
    "تحليل الشركاء ونقاط القوة والضعف، وتوثيق أبرز إنجازات المنظمة منذ تأسيسها.",
    "تحديد الأهداف الاستراتيجية للسنوات القادمة ووضع الخطة الزمنية لكل هدف.",
    "الاتفاق على مؤشرات تقييم النتائج وآلية متابعة الخطة الاستراتيجية وتقييمها.",
]
COACHING_ACTIONS = [
    "إرسال مسودة الرؤية والرسالة إلى أعضاء الهيئة العامة",
    "جمع وثائق الإنجازات وقائمة الشركاء",
    "استكمال مؤشرات الأهداف مع الفريق",
    "تحديد موعد أول مراجعة ربعية للخطة",
]

# --- the centres' other services -----------------------------------------------------------

# (weekday, room index, organisation, start hour, hours, purpose); weekday 5 = Saturday.
WEEKLY_BOOKINGS = [
    (5, 1, "توتول", 10, 2, "اجتماع مجلس الإدارة"),
    (6, 0, "العهد", 9, 3, "ورشة داخلية لفريق المتطوعين"),
    (0, 1, "نبض", 11, 2, "اجتماع تنسيقي مع الشركاء"),
    (1, 1, "فصول الأربعة", 10, 2, "اجتماع فريق المشروع"),
    (1, 0, "ديرنا", 13, 3, "جلسة عمل مشتركة"),
    (2, 0, "معاً لأجل الجرنية", 10, 4, "تدريب المتطوعين الجدد"),
    (3, 1, "بصمة أمل", 12, 2, "لقاء مع المستفيدين"),
]
BOOKING_DAYS_AHEAD = 21

CONSULTATIONS = [
    {
        "organization": "العهد",
        "kind": "legal",
        "adviser": "المحامية سلمى الحسن",
        "date": D(2020, 10, 12),
        "topic": "إجراءات ترخيص المنظمة لدى الجهات المحلية",
        "advice": "مراجعة النظام الداخلي وتعديل مادة العضوية، وتجهيز ملف الترخيص بالوثائق المطلوبة.",
        "follow_up": "زيارة ثانية لمراجعة الملف قبل تقديمه.",
        "follow_up_due": D(2020, 11, 2),
        "follow_up_done": True,
    },
    {
        "organization": "ديرنا",
        "kind": "financial",
        "adviser": "خالد العلي",
        "date": D(2020, 11, 16),
        "topic": "إعداد دليل الإجراءات المالية",
        "advice": "فصل صلاحيات الصرف عن المحاسبة، واعتماد سجل نقدية يومي وتسوية شهرية للحساب.",
        "follow_up": "إرسال نموذج سجل النقدية ومراجعة أول تسوية شهرية.",
        "follow_up_due": D(2020, 12, 14),
        "follow_up_done": False,
    },
]

ASSESSED_BEFORE, ASSESSED_AFTER = D(2020, 8, 15), D(2020, 12, 20)
ASSESSED_BY = "فريق مركز الرقة"
# Organisation: scores before and after, in the order of the capacity areas.
ASSESSMENTS = {
    "توتول": ([2, 1, 2, 1, 2, 1, 2, 3, 2], [3, 3, 3, 2, 3, 2, 3, 4, 3]),
    "العهد": ([3, 2, 2, 2, 3, 2, 2, 3, 2], [4, 4, 3, 3, 4, 3, 3, 4, 4]),
    "نبض": ([2, 2, 1, 1, 2, 1, 2, 2, 1], [3, 3, 2, 2, 3, 3, 2, 3, 3]),
    "ديرنا": ([2, 1, 1, 2, 2, 1, 1, 2, 2], [3, 3, 3, 3, 3, 2, 2, 3, 3]),
    "بصمة أمل": ([1, 1, 1, 1, 2, 1, 1, 2, 1], [2, 3, 2, 2, 3, 2, 2, 3, 2]),
    "حلم للتنمية": ([3, 2, 3, 2, 3, 2, 3, 3, 3], [3, 4, 3, 3, 4, 3, 3, 4, 4]),
}
