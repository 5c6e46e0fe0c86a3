"""Running producers: `runner` (which producers are stale, by the cache key, and running them at once in worker
processes, longest first), `worker` (the process that imports the `warm_imports` once and forks one child per
producer, or starts a new process per producer where there is no fork), `tracker` (`Tracker`: what one producer
run imported and read, the cache key's part of the run), `environment` (the variables a producer's own code read),
`versions` (the interpreter and the installed distributions a producer imported), `stderr` (what a producer wrote
to stderr, counted for the console's one line) and `progress` (a running producer's log followed, with a
heartbeat). It sits on the producer's side (generator.producer), the cache and the pages' bound checks (a failed
check is reported at its sentence), and knows no MkDocs.
"""
