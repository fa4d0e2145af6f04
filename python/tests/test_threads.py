"""run() releases the GIL: simulations in threads all finish, with the results
a single thread gets."""

import threading

import ecsim


def test_two_simulations_in_two_threads_both_finish_with_their_own_results(quickstart):
    results = {}

    def work(seed):
        results[seed] = ecsim.run(quickstart, seed=seed).summary

    threads = [threading.Thread(target=work, args=(seed,)) for seed in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert results[1] == ecsim.run(quickstart, seed=1).summary
    assert results[2] == ecsim.run(quickstart, seed=2).summary
    assert results[1]["seed"] == 1 and results[2]["seed"] == 2
