"""`python -m paramscope_generator`: the generator's command line alone (the `paramscope` command of its
distribution, paramscope-generator)."""
from paramscope_generator.dispatch import main

raise SystemExit(main())
