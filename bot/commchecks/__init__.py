"""Communication checks of the Points of Contact network (CBM 8): one module per concern.

- ``service``: start, schedule, cancel, chase, acknowledge, report (transport-free, takes ``now``)
- ``schedule``: durations and the runs of recurring checks
- ``tokens``: acknowledgement tokens (only their hash is stored)
- ``messages``: what pings and the acknowledgement page say, in the contact's language
- ``report``: the report's figures, CSV and chart
- ``delivery``: the transports' errors and interface, the console printer
- ``smtp``: e-mail pings
- ``dispatch``: claim -> send -> record on the leading process
"""
