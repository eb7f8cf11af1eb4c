package dev.sluice.util;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An unmodifiable list that works out its hash code once. A page's hidden and flagged files are part of the key its
 * rendering is kept under, asked for on every request: for a page of 2,000 flagged files, hashing the list anew was
 * most of the request's cost.
 */
public final class HashKeepingList<E> extends AbstractList<E> implements RandomAccess {
    private static final HashKeepingList<Object> EMPTY = new HashKeepingList<>(List.of());

    private final List<E> elements;
    /** 0 until worked out (as String's: a list whose hash is 0 works it out each time, which is rare and correct). */
    private int hash;

    private HashKeepingList(List<E> elements) {
        this.elements = elements;
    }

    /** An unmodifiable copy of {@code elements} (which may not hold null). */
    @SuppressWarnings("unchecked")
    public static <E> List<E> copyOf(List<? extends E> elements) {
        if (elements instanceof HashKeepingList<?> kept) {
            return (List<E>) kept;
        }
        return elements.isEmpty() ? (List<E>) EMPTY : new HashKeepingList<>(List.copyOf(elements));
    }

    @Override
    public E get(int index) {
        return elements.get(index);
    }

    @Override
    public int size() {
        return elements.size();
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = elements.hashCode();
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || elements.equals(o);
    }
}
