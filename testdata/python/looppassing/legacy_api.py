"""AL306: legacy coroutine machinery removed from asyncio."""
import asyncio


async def main():
    try:
        print(asyncio.Task.all_tasks())  # want: AL306 "`asyncio.Task.all_tasks`.*removed in Python 3.9"
    except AttributeError:
        pass
    try:
        print(asyncio.Task.current_task())  # want: AL306 "asyncio.current_task"
    except AttributeError:
        pass
    try:
        print(asyncio.coroutine)  # want: AL306 "`asyncio.coroutine`.*removed in Python 3.11"
    except AttributeError:
        pass
    print(asyncio.all_tasks(), asyncio.current_task())
