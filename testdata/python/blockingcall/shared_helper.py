"""AL202: one blocking helper reached from three coroutines. Each call site
is a finding (the runtime blocks the loop at each); `asynclint check`
reports them once, at the `time.sleep` inside `fetch_settings`, with the
three call sites as related locations (--all-sites lists them apart)."""
import asyncio
import time


def fetch_settings(name):
    time.sleep(0.01)
    return {"name": name}


def settings_for(user):
    return fetch_settings(user)


async def show_profile():
    return fetch_settings("profile")  # want: AL202 "`fetch_settings` blocks the event loop in coroutine `show_profile`: it calls `time.sleep`"


async def show_billing():
    return fetch_settings("billing")  # want: AL202 "in coroutine `show_billing`"


async def show_user(user):
    return settings_for(user)  # want: AL202 "`settings_for` blocks .* \(show_user → settings_for → fetch_settings → time.sleep\)"


async def main():
    await show_profile()
    await show_billing()
    await show_user("ada")
