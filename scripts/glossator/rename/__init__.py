"""`glossator rename`: give a claim, a source or an entity a new id everywhere, and keep its old
published address working (annotations/redirects.yaml)."""

from __future__ import annotations

from pathlib import Path

from .plan import Plan, apply_plan, plan_rename


def rename(root: Path, kind: str, old: str, new: str) -> Plan:
    """Rename and write; InputError (nothing written) when it cannot be done."""
    plan = plan_rename(root, kind, old, new)
    apply_plan(plan)
    return plan


__all__ = ["Plan", "apply_plan", "plan_rename", "rename"]
