"""Whether a TCP port is free to serve on, checked before anything else is done.

Runs with the standard library alone, so that `make run` can check the port with the
system Python before it creates the virtual environment:

    python3.11 src/caseload/core/ports.py 127.0.0.1 8000

prints why not to standard error and exits 1 when the port is taken.
"""

import socket
import sys


def port_problem(host: str, port: int, *, hint: str = "") -> str:
    """Why `host:port` cannot be served on, or "" when it is free. SO_REUSEADDR, as
    gunicorn sets it, so a port left in TIME_WAIT by a server just stopped counts as free
    while one another program listens on (on this address or all of them) does not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            message = (
                f"Port {port} on {host} is already in use ({error.strerror}): another "
                "caseload or another program is serving there. Stop it, or choose "
                "another port"
            )
            return f"{message}, {hint}." if hint else f"{message}."
    return ""


def main(argv: list[str]) -> int:
    host, port = argv[1], int(argv[2])
    problem = port_problem(host, port, hint=f"for example: PORT={port + 1} make run")
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
