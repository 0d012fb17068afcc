"""The demo's record of requests and meetings (issue 17), from the field reports.

"After the first project succeeded, organisations in Raqqa and Deir ez-Zor submitted requests
and proposals for capacity-building trainings of their own": the fifteen organisations of
CB-2020 joined it by accepted requests; a second project, CB-2021, follows it, with requests
under review, a workshop already full and its waiting list; and the meetings between
organisations and with the local community held in the centres' rooms.

Gets or creates by natural keys and reviews only what is still pending, so loading twice
changes nothing. Reviews, enrolments and meetings go through their doors.
"""

import datetime

from django.utils import timezone

from capacity.programme import catalogue, parts
from organizations.models import Centre, Organization, Person, Room
from services.meetings import save_meeting
from services.models import Meeting, Stakeholder
from trainings import requests, writes
from trainings.models import OrganizationRequest, Project, RequestStatus, Topic, Workshop

D = datetime.date

SECOND = {
    "code": "CB-2021",
    "name_ar": "مشروع بناء قدرات المنظمات المحلية – المشروع الثاني",
    "name_en": "Capacity building of local organisations – second project",
    "start_date": D(2021, 3, 1),
    "end_date": D(2021, 8, 31),
    "target_organizations": 12,
    "target_trainees": 24,
    "training": (D(2021, 3, 14), D(2021, 4, 30)),
    "coaching": (D(2021, 5, 1), D(2021, 8, 31)),
}
# (organisation, status, reason, what it asks): the requests to join CB-2021.
SECOND_REQUESTS = [
    ("توتول", "accepted", "", "تدريب كادر المنظمة على إعداد المقترحات والميزانيات"),
    ("ديرنا", "accepted", "", "تدريب على الإدارة المالية والتقارير للمانحين"),
    ("بصمة أمل", "waiting", "", "الانضمام إلى التدريب وجلسات التوجيه"),
    ("نبض", "declined", "شاركت المنظمة في المشروع الأول بكامل كادرها؛ الأولوية لمنظمات جديدة.", "متابعة التوجيه"),
    ("حلم للتنمية", "pending", "", "تدريب على التخطيط الاستراتيجي وكتابة الخطة"),
    ("ماري", "pending", "", "بناء نظام للمتابعة والتقييم"),
]
WAITING_WORKSHOP = ("الإدارة المالية للمنظمات", "Financial management", D(2021, 3, 14), 6)


def load():
    raqqa = Centre.objects.get(name_ar=catalogue.PROJECT_CENTRE[0])
    orgs = {o.name_ar: o for o in Organization.objects.filter(name_ar__in=catalogue.ORGANIZATION_NAMES)}
    first = Project.objects.get(code=catalogue.PROJECT["code"])
    second, training, _coaching = parts.project_with_phases(centre=raqqa, **SECOND)
    _lineage(first, second, orgs)
    for name in catalogue.ORGANIZATION_NAMES:
        _request(orgs[name], first, "accepted", "", "الانضمام إلى مشروع بناء القدرات", D(2020, 7, 15))
    for name, status, reason, asks in SECOND_REQUESTS:
        _request(orgs[name], second, status, reason, asks, D(2021, 1, 20))
    _other_requests(raqqa, orgs)
    waiting = _full_workshop(second, training, orgs)
    meetings = _meetings(orgs)
    return f"{OrganizationRequest.objects.count()} requests, {waiting} people on a waiting list, {meetings} meetings"


def _lineage(first, second, orgs):
    """CB-2021 follows CB-2020; the report names their manager: one of Tuttul's people here."""
    if second.follows_id is None:
        second.follows = first
        second.save(update_fields=["follows"])
    for project in (first, second):
        if project.manager_person_id is None:
            project.manager_person = Person.objects.filter(organization=orgs["توتول"]).order_by("pk").first()
            project.save(update_fields=["manager_person"])


def _request(organization, project, status, reason, asks, day):
    found, created = OrganizationRequest.objects.get_or_create(
        organization=organization,
        project=project,
        kind="project",
        defaults={
            "centre": project.centre,
            "asks": asks,
            "date": day,
            "contact_name": organization.contact_person or organization.name_ar,
            "contact_phone": organization.phone,
        },
    )
    if found.status == RequestStatus.PENDING and status != RequestStatus.PENDING:
        requests.review(found, status, reason, None)
    return found


def _other_requests(centre, orgs):
    topic = Topic.objects.filter(name_en="Financial management").first() or Topic.objects.first()
    OrganizationRequest.objects.get_or_create(
        organization=orgs["سام"],
        kind="topic",
        topic=topic,
        defaults={
            "centre": centre,
            "asks": "تدريب محاسب المنظمة على الإدارة المالية",
            "date": D(2021, 2, 3),
            "contact_name": orgs["سام"].contact_person or orgs["سام"].name_ar,
        },
    )
    OrganizationRequest.objects.get_or_create(
        organization=orgs["أمل باغوز"],
        kind="support",
        defaults={
            "centre": centre,
            "asks": "دعم قانوني لاستكمال تسجيل المنظمة",
            "date": D(2021, 2, 10),
            "contact_name": orgs["أمل باغوز"].contact_person or orgs["أمل باغوز"].name_ar,
        },
    )


def _full_workshop(project, training, orgs):
    """A workshop of six places with eight people asked for: two wait (trainings.writes)."""
    title, topic_name, first_day, capacity = WAITING_WORKSHOP
    room = Room.objects.get(centre=project.centre, name_ar=catalogue.PROJECT_CENTRE[1])
    workshop, created = Workshop.objects.get_or_create(
        project=project,
        title=title,
        defaults={
            "phase": training,
            "venue": room,
            "start_date": first_day,
            "end_date": first_day + datetime.timedelta(days=1),
            "planned_hours": 8,
            "capacity": capacity,
        },
    )
    if created:
        topic = Topic.objects.filter(name_en=topic_name).first()
        if topic:
            workshop.topics.add(topic)
        asked = ["توتول", "ديرنا", "بصمة أمل", "حلم للتنمية", "ماري"]
        people = Person.objects.filter(organization__in=[orgs[name] for name in asked])
        writes.enroll(workshop, list(people.order_by("pk")[: capacity + 2]), None)
    return workshop.waiting_places.count()


def _meetings(orgs):
    rooms = {(r.centre.name_ar, r.name_ar): r for r in Room.objects.select_related("centre")}
    upcoming = timezone.localdate() + datetime.timedelta(days=5)
    plans = [
        {
            "title": "لقاء تشبيكي بين منظمات الرقة ودير الزور",
            "kind": "networking",
            "room": rooms[("مركز الرقة", "غرفة الاجتماعات")],
            "date": D(2020, 10, 14),
            "hours": (10, 13),
            "organizations": ["توتول", "العهد", "نبض", "ديرنا", "بصمة أمل"],
            "stakeholders": [("المجلس المحلي لمدينة الرقة", "council", "لجنة الشؤون الاجتماعية")],
            "agenda": "تعارف المنظمات؛ عرض نتائج المرحلة الأولى؛ فرص العمل المشترك",
            "outcomes": "الاتفاق على لقاء شهري وتشكيل مجموعة تنسيق للمنظمات",
            "follow_ups": "إعداد دليل بالمنظمات وخدماتها قبل اللقاء القادم",
            "others": 3,
        },
        {
            "title": "لقاء المنظمات مع لجنة المجتمع المحلي في الطبقة",
            "kind": "stakeholders",
            "room": rooms[("مركز الطبقة", "غرفة الاجتماعات")],
            "date": D(2020, 11, 18),
            "hours": (11, 13),
            "organizations": ["فصول الأربعة", "معاً لأجل الجرنية"],
            "stakeholders": [
                ("لجنة الحي الأول", "committee", ""),
                ("وجهاء المنطقة", "notables", ""),
            ],
            "agenda": "احتياجات الأحياء؛ دور المنظمات المحلية",
            "outcomes": "قائمة أولويات للأحياء تتبناها المنظمات في خططها",
            "follow_ups": "",
            "others": 6,
        },
        {
            "title": "اجتماع تنسيقي لمنظمات المشروع الثاني",
            "kind": "meeting",
            "room": rooms[("مركز الرقة", "غرفة الاجتماعات")],
            "date": upcoming,
            "hours": (16, 18),
            "organizations": ["توتول", "ديرنا"],
            "stakeholders": [],
            "agenda": "مواعيد الورشات؛ ترشيح المتدربين",
            "outcomes": "",
            "follow_ups": "",
            "others": 0,
        },
    ]
    for plan in plans:
        if Meeting.objects.filter(title=plan["title"]).exists():
            continue
        start, end = plan["hours"]
        meeting = Meeting(
            title=plan["title"],
            kind=plan["kind"],
            centre=plan["room"].centre,
            room=plan["room"],
            date=plan["date"],
            start_time=datetime.time(start),
            end_time=datetime.time(end),
            agenda=plan["agenda"],
            outcomes=plan["outcomes"],
            follow_ups=plan["follow_ups"],
            other_attendees=plan["others"],
        )
        save_meeting(meeting)
        taking_part = [orgs[name] for name in plan["organizations"]]
        meeting.organizations.set(taking_part)
        if plan["date"] < timezone.localdate():
            meeting.attendees.set(Person.objects.filter(organization__in=taking_part).order_by("pk")[:8])
        Stakeholder.objects.bulk_create(
            Stakeholder(meeting=meeting, name=name, kind=kind, represented_by=by)
            for name, kind, by in plan["stakeholders"]
        )
    return Meeting.objects.count()
