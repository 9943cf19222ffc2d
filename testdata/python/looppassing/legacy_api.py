"""AL306: legacy coroutine machinery removed from asyncio."""
import asyncio
import sys


if sys.version_info >= (3, 7):
    def current_task():
        return asyncio.current_task()
else:
    def current_task():
        # Only where asyncio.current_task() is missing.
        return asyncio.Task.current_task()


def all_tasks():
    if sys.version_info >= (3, 7):
        return asyncio.all_tasks()
    return asyncio.Task.all_tasks()


def all_tasks_by_feature():
    # hasattr tells the versions apart as the version test above does
    # (tornado.testing, django's postgresql backend).
    if hasattr(asyncio, "all_tasks"):
        return asyncio.all_tasks()
    else:
        return asyncio.Task.all_tasks()


def current_task_by_feature():
    if not hasattr(asyncio, "current_task"):
        return asyncio.Task.current_task()
    return asyncio.current_task()


def tasks_by_fallback():
    # The legacy call first, its replacement where it is missing
    # (autobahn.asyncio.component): the handler takes over from 3.9 on.
    try:
        tasks = asyncio.Task.all_tasks()
    except AttributeError:
        # this changed with python >= 3.7
        tasks = asyncio.all_tasks()
    for task in tasks:
        try:
            current = asyncio.Task.current_task()
        except (AttributeError, KeyError):
            current = asyncio.current_task()
        if task is current:
            return task


def tasks_without_fallback():
    # The handler does not use the replacement: from 3.9 on there are no
    # tasks here.
    try:
        tasks = asyncio.Task.all_tasks()  # want: AL306 "`asyncio.Task.all_tasks`.*removed in Python 3.9"
    except AttributeError:
        tasks = set()
    return tasks


def task_getter():
    try:
        return asyncio.current_task
    except AttributeError:
        return asyncio.Task.current_task


if sys.version_info < (3, 11):
    # Only on the versions that still have it.
    @asyncio.coroutine
    def legacy():
        yield


if sys.version_info < (3, 12):
    # 3.11 is among these versions, and has no asyncio.coroutine.
    try:
        @asyncio.coroutine  # want: AL306 "`asyncio.coroutine`.*removed in Python 3.11"
        def still_legacy():
            yield
    except AttributeError:
        pass


async def main():
    assert current_task() is task_getter()() is asyncio.current_task()
    assert all_tasks() == asyncio.all_tasks()
    assert all_tasks_by_feature() == asyncio.all_tasks()
    assert current_task_by_feature() is asyncio.current_task()
    assert tasks_by_fallback() is asyncio.current_task()
    assert tasks_without_fallback() == set()
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
