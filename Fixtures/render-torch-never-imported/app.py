from fastapi import FastAPI

from search.index import lookup

api = FastAPI()


@api.get("/search")
def search(q: str) -> list[str]:
    return lookup(q)
