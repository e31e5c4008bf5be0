"""Tests of govsim.dynamics.room: the forum prepared once, and the room of one deliberation."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from govsim.dynamics import Forum, Room, block_model
from govsim.errors import GovsimError


def test_block_links_are_each_replications_own_links_in_row_order():
    # The model's Deffuant matchings draw along exactly these links, in this order.
    networks = [block_model(np.arange(30) % 3, s, 5, seed=b) for b, s in enumerate((0, 0.5, 1))]
    forum = Forum(sp.block_diag(networks, format="csr"), blocks=3)
    assert forum.size == 90 and forum.size_per_block == 30
    for links, network in zip(forum.block_links, networks, strict=True):
        expected = np.column_stack(sp.triu(network, k=1).nonzero())
        np.testing.assert_array_equal(links, expected)
        assert links.dtype == np.int64


def test_links_in_either_direction_count_once():
    A = np.zeros((3, 3))
    A[0, 1] = A[2, 1] = A[1, 2] = 1.0
    np.testing.assert_array_equal(Forum(A).block_links[0], [[0, 1], [1, 2]])


def test_the_influence_structure_is_prepared_once():
    forum = Forum(block_model(np.arange(20) % 2, 0.3, 4, seed=1))
    assert forum.influence is forum.influence


@pytest.mark.parametrize(
    ("adjacency", "blocks", "match"),
    [
        (np.ones((4, 4)), 0, "blocks: expected an integer >= 1"),
        (np.ones((4, 4)), True, "blocks: expected an integer >= 1"),
        (np.ones((4, 4)), 3, "blocks: expected a divisor of the 4 agents"),
        (np.ones((4, 4)), 2, "found a link between two blocks"),
        (-np.ones((2, 2)), 1, "adjacency"),
        (np.ones((2, 3)), 1, "adjacency"),
    ],
)
def test_bad_forums_raise(adjacency, blocks, match):
    with pytest.raises(GovsimError, match=match):
        Forum(adjacency, blocks=blocks)


def test_generators_one_per_block_or_one_shared():
    forum = Forum(sp.block_diag([np.ones((2, 2))] * 3), blocks=3)
    shared = forum.generators(5)
    assert len(shared) == 3 and shared[0] is shared[1] is shared[2]
    own = forum.generators([1, 2, np.random.default_rng(3)])
    assert len({id(g) for g in own}) == 3
    with pytest.raises(GovsimError, match=r"rng: expected one generator per block \(3\)"):
        forum.generators([1, 2])


def test_a_room_checks_its_forum_and_mask():
    forum = Forum(np.ones((3, 3)))
    assert Room(forum, active=np.ones(3, dtype=bool)).active is None  # everyone
    with pytest.raises(GovsimError, match="forum: expected a Forum"):
        Room(np.ones((3, 3)))
    with pytest.raises(GovsimError, match="active"):
        Room(forum, active=np.ones(2, dtype=bool))
    with pytest.raises(GovsimError, match="active"):
        Room(forum, active=np.ones(3))
