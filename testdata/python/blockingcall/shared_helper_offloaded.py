"""The clean twin of shared_helper.py: the three coroutines run the
blocking helper in a worker thread, so the loop never blocks."""
import asyncio
import time


def fetch_settings(name):
    time.sleep(0.01)
    return {"name": name}


def settings_for(user):
    return fetch_settings(user)


async def show_profile():
    return await asyncio.to_thread(fetch_settings, "profile")


async def show_billing():
    return await asyncio.to_thread(fetch_settings, "billing")


async def show_user(user):
    return await asyncio.to_thread(settings_for, user)


async def main():
    await show_profile()
    await show_billing()
    await show_user("ada")
