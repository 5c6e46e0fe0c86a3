from paramscope.entry import main

raise SystemExit(main())
