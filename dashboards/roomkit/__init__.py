"""The room session's screens (issue 14), in parts: :mod:`~roomkit.store` (the sessions'
database, refusals in the chosen language, the export), :mod:`~roomkit.poll` (each screen
following the round counter), :mod:`~roomkit.style` (styles for a phone and a projector),
:mod:`~roomkit.qr` (the join code) and :mod:`~roomkit.figures` (tiles, cards and charts).

The simulation, who may do what and the screens' data are :mod:`sim.workshop`'s; these modules
only show them. Every screen re-renders on its own once the facilitator (or a countdown) closes a
round: a fragment polls the store's round counter every second or so (one SQLite read) and reruns
the page only when it changed.
"""
