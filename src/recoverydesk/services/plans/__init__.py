"""The plans capability. ``types``: the plan version DTOs, labels and the agree rule (all the
window imports); ``service``: ``PlanService`` and the snapshot; ``compare``: "what changed" in
plain words; ``glance``: the recovery plan's Overview line.
"""
