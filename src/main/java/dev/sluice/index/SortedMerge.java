package dev.sluice.index;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Merges project lists that each come in normal-name order into one, holding one entry per list at a time
 * (a k-way merge): the root list of a PyPI-sized index is never gathered in memory to be sorted. A list out of
 * order would silently list a name twice, so it fails the merge instead.
 */
final class SortedMerge implements Iterator<ProjectList.Entry> {
    /** The next entry of one list, and where it came from (the earlier list wins a tie). */
    private record Head(ProjectList.Entry entry, int list) {}

    private final List<Iterator<ProjectList.Entry>> lists;
    private final String[] previous;
    private final BinaryOperator<ProjectList.Entry> same;
    private final PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
        int byName = a.entry().normalizedName().compareTo(b.entry().normalizedName());
        return byName != 0 ? byName : Integer.compare(a.list(), b.list());
    });

    private SortedMerge(List<Iterator<ProjectList.Entry>> lists, BinaryOperator<ProjectList.Entry> same) {
        this.lists = lists;
        this.previous = new String[lists.size()];
        this.same = same;
        for (int i = 0; i < lists.size(); i++) {
            advance(i);
        }
    }

    /** Opens every list and merges them; closing the result closes them all. */
    static Stream<ProjectList.Entry> of(List<ProjectList> lists, BinaryOperator<ProjectList.Entry> same) {
        List<Stream<ProjectList.Entry>> opened = new ArrayList<>();
        Runnable closeAll = () -> opened.forEach(Stream::close);
        try {
            List<Iterator<ProjectList.Entry>> iterators = new ArrayList<>();
            for (ProjectList list : lists) {
                Stream<ProjectList.Entry> entries = list.stream();
                opened.add(entries);
                iterators.add(entries.iterator());
            }
            Iterator<ProjectList.Entry> merged = new SortedMerge(iterators, same);
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(merged,
                    Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(closeAll);
        } catch (RuntimeException e) {
            closeAll.run();
            throw e;
        }
    }

    private void advance(int list) {
        Iterator<ProjectList.Entry> entries = lists.get(list);
        if (!entries.hasNext()) {
            return;
        }
        ProjectList.Entry next = entries.next();
        String before = previous[list];
        if (before != null && before.compareTo(next.normalizedName()) >= 0) {
            throw new IllegalStateException("a project list is not in normal-name order: '" + next.normalizedName()
                    + "' came after '" + before + "'");
        }
        previous[list] = next.normalizedName();
        heads.add(new Head(next, list));
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public ProjectList.Entry next() {
        Head first = heads.poll();
        if (first == null) {
            throw new NoSuchElementException();
        }
        advance(first.list());
        ProjectList.Entry merged = first.entry();
        while (!heads.isEmpty() && heads.peek().entry().normalizedName().equals(merged.normalizedName())) {
            Head also = heads.poll();
            advance(also.list());
            merged = same.apply(merged, also.entry());
        }
        return merged;
    }
}
