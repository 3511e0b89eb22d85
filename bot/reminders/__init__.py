"""Reminders, one module per concern:

- ``timing``: wall-time rules (offsets, local wall times, weekly moments, reading a moment; one DST policy).
- ``planning``: what deliveries events, settings, follows and personal reminders ask for
  (``ReminderService``, the commands' entry point).
- ``delivery``: claiming due rows under the dispatcher's lease epoch, classifying and recording them.
- ``senders``: the interface transports implement (``Sender``, ``Outgoing``, ``SendError``) and
  ``ConsoleSender``.
- ``leadership``: who dispatches (a PostgreSQL lease with a fencing epoch, a lock file on SQLite).
- ``dispatcher``: APScheduler wake jobs, sending each delivery at its moment, recording the results.

The SQL of leases and of the fenced claim/confirm/record steps is in ``storage/leases.py``.
"""
