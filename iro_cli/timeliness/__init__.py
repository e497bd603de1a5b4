"""How the service did: reviews held in time over a period (pure: no click, no I/O).

- :mod:`.reviews` each review held in the period against its due date (the
  :mod:`iro_cli.schedule.due` rules), and the reviews due and not held
- :mod:`.figures` held / in time / late / not held / rearranged per group and type
- :mod:`.plans`   child protection plans: repeats, long plans, open plans
"""
