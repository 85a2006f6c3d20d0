#!/usr/bin/env python3
"""Minimal SMTP sink for ops/fault-test.sh: accepts every mail, appends one line per recipient
("<recipient>\t<subject>") to the given file. No TLS, no auth: loopback test use only.

    ops/smtp-sink.py PORT OUTPUT_FILE
"""
import socketserver
import sys

OUT = sys.argv[2]


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 fault-test sink")
        recipients, data = [], None
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if data is not None:
                if line == ".":
                    subject = next((l[8:].strip() for l in data if l.lower().startswith("subject:")), "")
                    with open(OUT, "a", encoding="utf-8") as out:
                        for rcpt in recipients:
                            out.write(f"{rcpt}\t{subject}\n")
                    recipients, data = [], None
                    self.reply("250 queued")
                else:
                    data.append(line)
                continue
            verb = line[:4].upper()
            if verb in ("HELO", "EHLO"):
                self.reply("250 sink")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 ok")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip().strip("<>").lower())
                self.reply("250 ok")
            elif verb == "DATA":
                data = []
                self.reply("354 end with .")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:  # RSET, NOOP, ...
                self.reply("250 ok")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    Server(("127.0.0.1", int(sys.argv[1])), Session).serve_forever()
