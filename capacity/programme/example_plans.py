"""The two example strategic plans of the demo: Tuttul's (approved, in Arabic) and Dayrna's
(sent for review, in English), as data. demo_coaching.py writes them.
"""

from coaching.models import PlanStatus

# fmt: off
TUTTUL = {
    "organization": "توتول",
    "title": "الخطة الاستراتيجية لمنظمة توتول 2021–2023",
    "fields": {
        "start_year": 2021,
        "years": 3,
        "language": "ar",
        "status": PlanStatus.APPROVED,
        "vision": "مجتمع محلي متماسك في الرقة يشارك أبناؤه وبناته في تنمية مدينتهم وصون تراثها.",
        "mission": (
            "تعمل توتول مع الشباب والنساء في مدينة الرقة على إحياء الحياة المدنية والثقافية، "
            "من خلال التدريب والمبادرات المجتمعية والشراكة مع المؤسسات المحلية."
        ),
        "achievements": (
            "تأسست المنظمة عام 2016 ونفذت منذ ذلك الحين 12 مبادرة مجتمعية.\n"
            "درّبت 240 شاباً وشابة على المشاركة المدنية، وأعادت تأهيل مكتبة حي الثكنة عام 2019."
        ),
        "me_reviewed": "تقدم الأهداف ومؤشراتها، وصرف الموازنة، ورضا المستفيدين.",
        "me_frequency": "مراجعة ربعية، وتقرير سنوي",
        "me_by_whom": "لجنة المتابعة في مجلس الإدارة مع منسقة المشاريع",
        "midterm_evaluation": "تقييم منتصف المدة في الربع الثالث من عام 2022 بمشاركة الشركاء.",
        "final_evaluation": "تقييم نهائي خارجي في الربع الرابع من عام 2023.",
    },
    "values": ["الشفافية", "المشاركة", "الحياد", "احترام التنوع", "المساءلة"],
    "stakeholders": [
        ("مجلس الرقة المدني", "authority", "الموافقات وتسهيل الأنشطة"),
        ("مركز الرقة لدعم المجتمع المدني", "partner", "التدريب والمساحة المشتركة"),
        ("الجهة المانحة للمشروع", "donor", "تمويل المبادرات"),
        ("لجان الأحياء", "community", "تحديد الاحتياجات والتطوع"),
        ("الشباب والنساء في المدينة", "beneficiary", "المستفيدون الأساسيون"),
    ],
    "swot": {
        "S": ["فريق متطوعين ملتزم من أبناء المدينة", "ثقة المجتمع المحلي بالمنظمة", "خبرة في تنظيم الفعاليات الثقافية"],
        "W": ["ضعف التمويل الذاتي", "غياب نظام مالي موثق", "اعتماد كبير على شخص المدير"],
        "O": ["اهتمام المانحين بالمبادرات الشبابية", "وجود مساحة مشتركة في مركز الرقة", "شبكات منظمات ناشئة"],
        "T": ["عدم الاستقرار الأمني", "تقلب سعر الصرف", "هجرة الكفاءات الشابة"],
    },
    "goals": [
        (
            "تعزيز مشاركة الشباب في الحياة المدنية",
            [
                ("تدريب 150 شاباً وشابة على المبادرات المجتمعية", "عدد المتدربين", "60", "150", "منسقة المشاريع", (2021, 1), (2022, 4)),
                ("دعم 10 مبادرات شبابية صغيرة", "عدد المبادرات المنفذة", "3", "10", "مدير البرامج", (2021, 3), (2023, 2)),
                ("إطلاق منتدى شبابي شهري", "عدد جلسات المنتدى", "0", "24", "فريق المتطوعين", (2022, 1), (2023, 4)),
            ],
        ),
        (
            "بناء نظام إداري ومالي مؤسسي",
            [
                ("اعتماد دليل السياسات المالية", "دليل معتمد", "لا يوجد", "دليل واحد", "المحاسب", (2021, 1), (2021, 2)),
                ("تدريب الفريق على النظام المالي", "نسبة الموظفين المدربين", "20%", "100%", "المدير التنفيذي", (2021, 2), (2021, 4)),
                ("تدقيق مالي خارجي سنوي", "عدد التقارير", "0", "3", "مجلس الإدارة", (2021, 4), (2023, 4)),
            ],
        ),
        (
            "تنويع مصادر التمويل",
            [
                ("إعداد خطة لجمع التبرعات", "خطة معتمدة", "لا يوجد", "خطة واحدة", "المدير التنفيذي", (2021, 2), (2021, 3)),
                ("التقدم إلى 6 منح جديدة", "عدد المقترحات المقدمة", "1", "6", "مسؤول تطوير الموارد", (2021, 3), (2023, 3)),
            ],
        ),
    ],
}

DAYRNA = {
    "organization": "ديرنا",
    "title": "Dayrna strategic plan 2021–2025",
    "fields": {
        "start_year": 2021,
        "years": 5,
        "language": "en",
        "status": PlanStatus.REVIEW,
        "vision": "Villages of rural Deir ez-Zor where every family can rebuild a decent livelihood.",
        "mission": (
            "Dayrna supports farmers, women and young people in rural Deir ez-Zor with training, small grants "
            "and advocacy, together with local councils and partner organisations."
        ),
        "achievements": "Since 2017: 35 wells rehabilitated, 420 farmers trained, 3 women's cooperatives founded.",
        "me_reviewed": "Progress on each objective's indicator, spending against budget, beneficiaries' feedback.",
        "me_frequency": "Every quarter; a yearly report to the general assembly",
        "me_by_whom": "The monitoring and evaluation officer with the board",
        "midterm_evaluation": "Mid-term review in the second quarter of 2023 with partners and beneficiaries.",
        "final_evaluation": "External final evaluation in the last quarter of 2025.",
    },
    "values": ["Integrity", "Participation", "Equality between women and men", "Accountability to communities"],
    "stakeholders": [
        ("Local councils of Hajin and Al-Susah", "authority", "Permits and coordination"),
        ("Farmers' associations", "community", "Identify needs, host activities"),
        ("Field Response", "partner", "Joint relief and recovery projects"),
        ("International donors", "donor", "Funding of grants and training"),
    ],
    "swot": {
        "S": ["Deep roots in the villages", "Agricultural expertise in the team"],
        "W": ["No written procedures", "Few women in management"],
        "O": ["Early recovery funding", "Returning families"],
        "T": ["Drought and water shortage", "Insecurity on rural roads"],
    },
    "goals": [
        (
            "Restore agricultural livelihoods",
            [
                ("Rehabilitate 40 irrigation wells", "Wells working", "35", "75", "Projects manager", (2021, 2), (2024, 4)),
                ("Train 600 farmers in water-saving irrigation", "Farmers trained", "420", "1,020", "Agronomist", (2021, 3), (2025, 2)),
            ],
        ),
        (
            "Strengthen women's economic participation",
            [
                ("Found 5 new women's cooperatives", "Cooperatives active", "3", "8", "Gender officer", (2022, 1), (2025, 4)),
                ("Give 100 small grants to women-led projects", "Grants given", "0", "100", "Grants officer", (2022, 3), (2024, 4)),
            ],
        ),
    ],
}
# fmt: on
