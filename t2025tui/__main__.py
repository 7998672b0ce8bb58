from t2025tui.cli import main

raise SystemExit(main())
