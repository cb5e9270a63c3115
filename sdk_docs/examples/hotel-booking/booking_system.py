"""A hotel booking system's night job: the footprint of every booking, per guest and whole.

    python booking_system.py bookings.json                      # in-process, no network
    python booking_system.py bookings.json --server URL --key dd_...   # and neutralise the stays

The engine is built once at start-up and shared: a booking is then a few microseconds of
arithmetic. A bad booking is reported naming its field and never stops the others. With
``--server``, each guest's share is neutralised through a central Diandian server
(:class:`~diandian.client.remote.RemoteOffsets`), keyed by the booking so that running the job
twice never buys twice.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import diandian
from diandian.units import money
from diandian_hotel import Booking, footprint_booking


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bookings", type=Path)
    parser.add_argument("--server", help="a Diandian server to buy credits from")
    parser.add_argument("--key", help="an API key with the orders scope")
    parser.add_argument("--project", help="the project to buy from (default: the first offered)")
    args = parser.parse_args(argv)
    if not args.bookings.is_file():
        parser.error(f"{args.bookings}: no such file")

    engine = diandian.Engine()
    records = json.loads(args.bookings.read_text(encoding="utf-8"))
    offsets = None
    if args.server:
        from diandian.client import Client, RemoteOffsets

        offsets = RemoteOffsets(Client(args.server, args.key))
        project = args.project or offsets.projects()[0].project_id

    failed = 0
    for number, record in enumerate(records):
        try:
            booking = Booking.from_record(record)
            guest = footprint_booking(engine, booking)
            whole = footprint_booking(engine, booking, per_guest=False)
        except diandian.ValidationFailed as exc:
            failed += 1
            print(f"booking {number}: refused: " + "; ".join(str(p) for p in exc.problems))
            continue
        print(f"booking {number}: {whole.grams / 1000:.1f} kg CO2e, {guest.grams / 1000:.1f} kg per guest")
        if offsets is not None:
            for seat in range(booking.guests):
                quote = offsets.quote(project, guest.grams)
                order = offsets.reserve(quote, idempotency_key=f"booking-{number}-guest-{seat}")
                payment = offsets.payment(order.order_id)
                price = money(quote.price.total_minor, currency=quote.price.currency)
                print(
                    f"  guest {seat + 1}: order {order.order_id}, pay {price} at {payment.pay_url if payment else '-'}"
                )
    done = "ordered" if offsets is not None else "computed"
    print(f"{len(records)} bookings: {len(records) - failed} {done}, {failed} refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
