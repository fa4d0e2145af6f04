"""`python -m ecsim sweep ...`: the sweep command line (the `ecsim sweep`
C++ command checks its arguments, then runs this). See ecsim.sweep.main."""

import sys

from .sweep import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] != "sweep":
        print("usage: python -m ecsim sweep FILE --grid PATH=V1,V2,... [options]  (--help for the options)",
              file=sys.stderr)
        sys.exit(2)
    sys.exit(main(args[1:]))
