from hub_build.cli import main

raise SystemExit(main())
