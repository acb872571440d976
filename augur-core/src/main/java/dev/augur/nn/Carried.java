package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * What one step hands to the next. Naming its arrays lets an inference rollout keep exactly those and free
 * everything else the step made (DJL keeps every intermediate until its manager closes).
 */
public interface Carried {
    /** The state of a predictor that remembers nothing. */
    Carried NONE = NDList::new;

    /** Every array this state holds. */
    NDList arrays();

    /** The non-null ones of {@code arrays}. */
    static NDList of(NDArray... arrays) {
        NDList list = new NDList();
        for (NDArray a : arrays) {
            if (a != null) {
                list.add(a);
            }
        }
        return list;
    }
}
