"""The strategic plan's workflow: the one home of the rules of its status.

    draft --submit--> review --approve--> approved
      ^                 |                    |
      +-----draft-------+-------draft--------+

and any edit of an approved plan makes it a draft again (the approved text stays in its
revision). Who may take each step is a permission (approving is the coordinator's); what a
step needs (a vision, to submit or approve) is written here once. The plan pages, the plan
form, the home page and the admin all ask this module; none of them restates a rule.

Every step and every edit runs under the plan's row lock and is written by `locked_save`, so
it bumps the version and keeps a PlanRevision. A step asked for twice (a double click, two
coordinators at once) does nothing the second time: the plan is already where it was sent.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coaching.models import PlanStatus, StrategicPlan
from coaching.plans import StaleEdit, locked_save

CHANGE = "coaching.change_strategicplan"
APPROVE = "coaching.approve_strategicplan"

CANNOT = _("This action could not be done.")
NOT_ALLOWED = _("You are not allowed to do this.")
VISION_NEEDED = _("Write the vision before sending the plan for approval.")


@dataclass(frozen=True)
class Action:
    """One step of the workflow, from any of `sources` to `target`."""

    name: str
    label: str  # the button that asks for it
    done: str  # the revision's note and the message once it is done
    permission: str
    sources: tuple
    target: str
    needs_vision: bool
    refused: str  # why it cannot be taken from another status
    css: str  # the button's look


ACTIONS = {
    action.name: action
    for action in (
        Action(
            "submit",
            _("Send for approval"),
            _("Sent for approval"),
            CHANGE,
            (PlanStatus.DRAFT,),
            PlanStatus.REVIEW,
            True,
            _("Only a draft can be sent for approval."),
            "btn-outline-primary",
        ),
        Action(
            "approve",
            _("Approve"),
            _("Approved"),
            APPROVE,
            (PlanStatus.REVIEW,),
            PlanStatus.APPROVED,
            True,
            _("Only a plan sent for approval can be approved."),
            "btn-success",
        ),
        Action(
            "draft",
            _("Return to draft"),
            _("Returned to draft"),
            CHANGE,
            (PlanStatus.REVIEW, PlanStatus.APPROVED),
            PlanStatus.DRAFT,
            False,
            CANNOT,
            "btn-outline-secondary",
        ),
    )
}

# An edit of a plan in one of these statuses sends it back to draft: what was approved is no longer what is written.
EDIT_RETURNS_TO_DRAFT = (PlanStatus.APPROVED,)


class Refused(Exception):
    """A step that may not be taken now; `messages` say why, for the person who asked."""

    def __init__(self, messages):
        super().__init__(*messages)
        self.messages = list(messages)


@dataclass
class Outcome:
    plan: StrategicPlan
    changed: bool  # False when the plan already stood where it was sent
    returned_to_draft: bool = False


# ---------------------------------------------------------------- questions


def permission(name):
    """The permission a step needs; an unknown step needs what any change of a plan needs."""
    action = ACTIONS.get(name)
    return action.permission if action else CHANGE


def permitted(name, user):
    return name in ACTIONS and user.has_perm(permission(name))


def can(plan, name, user):
    """True if step name leads somewhere from plan's status and user may take it (a button to offer)."""
    return name in ACTIONS and plan.status in ACTIONS[name].sources and permitted(name, user)


def allowed_actions(plan, user):
    """The steps user may offer on plan as it stands (its buttons), in the workflow's order."""
    return [action for action in ACTIONS.values() if can(plan, action.name, user)]


def unmet(name, plan):
    """What plan lacks for step name, as {field: message} (a form shows each next to its field)."""
    if ACTIONS[name].needs_vision and not (plan.vision or "").strip():
        return {"vision": VISION_NEEDED}
    return {}


def check(plan, name, user):
    """Why user may not take step name on plan now, as messages; empty when it may (or is already done)."""
    action = ACTIONS.get(name)
    if action is None:
        return [CANNOT]
    if not permitted(name, user):
        return [NOT_ALLOWED]
    if plan.status == action.target:
        return []
    if plan.status not in action.sources:
        return [action.refused]
    return list(unmet(name, plan).values())


def returns_to_draft(plan):
    """True if saving an edit of plan makes it a draft again."""
    return plan.status in EDIT_RETURNS_TO_DRAFT


def awaiting(name, user, plans):
    """The plans among `plans` on which user has step name to take (the approver's to-do list)."""
    if not permitted(name, user):
        return plans.none()
    return plans.filter(status__in=ACTIONS[name].sources)


# ---------------------------------------------------------------- doors


def after_edit(plan):
    """Apply what an edit does to plan's status (in memory); True if it was approved and is a draft again."""
    if not returns_to_draft(plan):
        return False
    plan.status = PlanStatus.DRAFT
    plan.approved_at = plan.approved_by = None
    return True


def _enter(plan, action, user):
    plan.status = action.target
    if action.target == PlanStatus.APPROVED:
        plan.approved_at, plan.approved_by = timezone.now(), user
    else:
        plan.approved_at = plan.approved_by = None


def _lock(plan, version):
    """The plan's row, locked until the transaction ends; StaleEdit if it is no longer at version."""
    row = StrategicPlan.objects.select_for_update().get(pk=plan.pk)
    if version is not None and row.version != version:
        raise StaleEdit(row.version)
    return row


def apply(plan, name, user, version=None):
    """Take step name on plan for user, as one new version; Refused or StaleEdit if it may not.

    version is the one the asker saw (None: whatever is current, as in the admin's actions).
    Asked again once done, it changes nothing and writes no revision.
    """
    with transaction.atomic():
        row = _lock(plan, None)  # read the status under the lock: a second click waits, then finds it done
        errors = check(row, name, user)
        if errors:
            raise Refused(errors)
        action = ACTIONS[name]
        if row.status == action.target:
            return Outcome(row, changed=False)
        if version is not None and row.version != version:
            raise StaleEdit(row.version)
        _enter(row, action, user)
        locked_save(row, row.version, user, note=action.done)
    return Outcome(row, changed=True)


def edit(plan, version, user, write=None, then=None):
    """Save an edit of plan (write() writes its parts) as one new version, then take step `then` if given.

    An approved plan becomes a draft again (`after_edit`). On StaleEdit or Refused nothing is
    saved and plan keeps the status it had.
    """
    kept = (plan.status, plan.approved_at, plan.approved_by_id)
    try:
        with transaction.atomic():
            row = _lock(plan, version)
            plan.status, plan.approved_at, plan.approved_by_id = row.status, row.approved_at, row.approved_by_id
            returned = after_edit(plan)
            note = ""
            if then is not None:
                errors = check(plan, then, user)
                if errors:
                    raise Refused(errors)
                action = ACTIONS[then]
                if plan.status != action.target:
                    _enter(plan, action, user)
                    note = action.done
            locked_save(plan, version, user, write, note=note)
    except (StaleEdit, Refused):
        plan.status, plan.approved_at, plan.approved_by_id = kept
        raise
    return Outcome(plan, changed=True, returned_to_draft=returned)
