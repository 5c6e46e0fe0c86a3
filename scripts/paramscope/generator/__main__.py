"""`python -m paramscope.generator`: the generator's command line alone (the `paramscope` command of its
distribution, paramscope-generator)."""
from paramscope.generator.dispatch import main

raise SystemExit(main())
