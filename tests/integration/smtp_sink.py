"""A real SMTP server for the integration tests, in its own process (aiosmtpd).

It appends one JSON line per accepted message to --log. While the file --refuse exists it
answers every message with a temporary 451; while --stall exists it holds each connection
before greeting (a server that hangs); while --hold exists it records a message and then
holds the connection before answering (the server has the message, the client no reply)."""

import argparse
import asyncio
import json
import os
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, log: str, refuse: str, stall: str, hold: str):
        self.log, self.refuse, self.stall, self.hold = log, refuse, stall, hold

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        while os.path.exists(self.stall):
            await asyncio.sleep(0.1)
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        if os.path.exists(self.refuse):
            return "451 4.3.0 Try again later"
        message = message_from_bytes(envelope.content, policy=policy.default)
        with open(self.log, "a") as log:
            log.write(
                json.dumps(
                    {
                        "to": envelope.rcpt_tos,
                        "message_id": message["Message-ID"],
                        "subject": str(message["Subject"]),
                        "text": message.get_body(("plain",)).get_content(),
                    }
                )
                + "\n"
            )
        while os.path.exists(self.hold):
            await asyncio.sleep(0.1)
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--refuse", required=True)
    parser.add_argument("--stall", required=True)
    parser.add_argument("--hold", required=True)
    args = parser.parse_args()
    controller = Controller(
        Recorder(args.log, args.refuse, args.stall, args.hold), hostname="127.0.0.1", port=args.port
    )
    controller.start()
    try:
        while True:
            time.sleep(1)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
