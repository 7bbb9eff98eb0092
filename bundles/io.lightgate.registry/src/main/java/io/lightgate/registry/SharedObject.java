/*
 * Copyright (c) 2026 the Lightgate authors.
 * SPDX-License-Identifier: EPL-2.0
 */
package io.lightgate.registry;

import io.lightgate.api.LwM2mException;
import io.lightgate.api.Resource;
import io.lightgate.api.object.ExecuteArguments;
import io.lightgate.api.object.LwM2mObject;
import io.lightgate.api.object.ObjectListener;
import io.lightgate.api.object.WriteMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One object of an endpoint whose instances several contributors bring ({@link Contribution#shared()}):
 * each instance is answered by the member that has it. Members are taken earliest first; a member
 * that has an instance id an earlier member has is refused as a whole (none of its instances is in
 * the tree) with a warning naming both, until the ids no longer collide. A member that throws
 * counts as having no instances; the others carry on.
 */
final class SharedObject implements LwM2mObject {

    private static final Logger LOG = LoggerFactory.getLogger(SharedObject.class);

    private final String endpoint;
    private final int objectId;
    private volatile List<Contribution> members = List.of(); // earliest first
    private volatile Map<Integer, Contribution> owners = Map.of(); // instance id -> member, as of the last instanceIds()
    private ObjectListener listener; // guarded by this
    private final Set<Long> refused = new HashSet<>(); // guarded by this: members refused now (logged once)
    private final Set<Long> failing = new HashSet<>(); // guarded by this: members whose instanceIds() threw (logged once)

    SharedObject(String endpoint, int objectId) {
        this.endpoint = endpoint;
        this.objectId = objectId;
    }

    /** The members now, earliest first; tells the registry's listener when that changes the instances. */
    void setMembers(List<Contribution> now) {
        ObjectListener l;
        List<Contribution> gone = new ArrayList<>();
        List<Contribution> joined = new ArrayList<>();
        synchronized (this) {
            List<Contribution> before = members;
            if (before.equals(now)) {
                return;
            }
            for (Contribution c : before) {
                if (!now.contains(c)) {
                    gone.add(c);
                    refused.remove(c.serviceId());
                    failing.remove(c.serviceId());
                }
            }
            for (Contribution c : now) {
                if (!before.contains(c)) {
                    joined.add(c);
                }
            }
            members = List.copyOf(now);
            l = listener;
        }
        if (l != null) { // attached: the members that left stop reporting, those that joined start
            gone.forEach(c -> listen(c, null));
            joined.forEach(c -> listen(c, l));
            l.instancesChanged();
        }
    }

    List<Contribution> members() {
        return members;
    }

    @Override
    public void setListener(ObjectListener l) {
        List<Contribution> now;
        synchronized (this) {
            listener = l;
            now = members;
        }
        now.forEach(c -> listen(c, l));
    }

    /** Hands a member a listener that passes on what it reports about the instances it answers for. */
    private void listen(Contribution member, ObjectListener to) {
        try {
            member.object().setListener(to == null ? null : new MemberListener(member, to));
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Shared object {} on endpoint '{}': {} failed in setListener(): {}. The other contributors carry on.",
                    objectId, endpoint, member.describe(), e.toString());
        }
    }

    @Override
    public SortedSet<Integer> instanceIds() {
        Map<Integer, Contribution> owned = new HashMap<>();
        for (Contribution member : members) {
            Set<Integer> ids = instancesOf(member);
            Contribution earlier = null;
            Set<Integer> taken = new TreeSet<>();
            for (Integer id : ids) {
                Contribution owner = owned.get(id);
                if (owner != null) {
                    earlier = earlier == null ? owner : earlier;
                    taken.add(id);
                }
            }
            if (earlier != null) {
                refuse(member, earlier, taken);
            } else {
                accept(member);
                ids.forEach(id -> owned.put(id, member));
            }
        }
        owners = Map.copyOf(owned);
        return new TreeSet<>(owned.keySet());
    }

    private Set<Integer> instancesOf(Contribution member) {
        try {
            SortedSet<Integer> ids = member.object().instanceIds();
            return ids == null ? Set.of() : ids;
        } catch (RuntimeException | LinkageError e) {
            synchronized (this) {
                if (failing.add(member.serviceId())) {
                    LOG.error("Shared object {} on endpoint '{}': {} failed in instanceIds(): {}. Its instances are left out; "
                            + "the other contributors carry on.", objectId, endpoint, member.describe(), e.toString());
                }
            }
            return Set.of();
        }
    }

    private synchronized void refuse(Contribution member, Contribution earlier, Set<Integer> taken) {
        if (refused.add(member.serviceId())) {
            LOG.warn(collision(objectId, endpoint, member, earlier, taken));
        }
    }

    /** The warning for a refused member: names both contributors and the instance ids they both bring. */
    static String collision(int objectId, String endpoint, Contribution later, Contribution earlier, Set<Integer> taken) {
        return "Object " + objectId + " on endpoint '" + endpoint + "' is shared: " + later.describe() + " brings instance(s) "
                + taken + ", which " + earlier.describe() + " brings already. The later one is refused (none of its instances "
                + "is in the tree) until the ids no longer collide: give each contributor its own instance ids.";
    }

    private synchronized void accept(Contribution member) {
        if (refused.remove(member.serviceId())) {
            LOG.info("Object {} on endpoint '{}': the instances of {} no longer collide; they are in the tree", objectId, endpoint,
                    member.describe());
        }
    }

    /** The member that answers for an instance. */
    private LwM2mObject owner(int instanceId) {
        Contribution c = owners.get(instanceId);
        if (c == null) {
            throw LwM2mException.notFound("/" + objectId + "/" + instanceId + " does not exist");
        }
        return c.object();
    }

    @Override
    public Set<Integer> resourceIds(int instanceId) {
        Contribution c = owners.get(instanceId);
        return c == null ? Set.of() : c.object().resourceIds(instanceId);
    }

    @Override
    public CompletionStage<Resource> read(int instanceId, int resourceId) {
        return owner(instanceId).read(instanceId, resourceId);
    }

    @Override
    public boolean readsAtOnce(int instanceId) {
        Contribution c = owners.get(instanceId);
        return c != null && c.object().readsAtOnce(instanceId);
    }

    @Override
    public CompletionStage<Void> write(int instanceId, List<Resource> resources, WriteMode mode) {
        return owner(instanceId).write(instanceId, resources, mode);
    }

    @Override
    public CompletionStage<Void> execute(int instanceId, int resourceId, ExecuteArguments arguments) {
        return owner(instanceId).execute(instanceId, resourceId, arguments);
    }

    /** A new instance goes to the earliest member that is not refused (the registry has checked the id is free). */
    @Override
    public CompletionStage<Integer> create(Integer instanceId, List<Resource> resources) {
        for (Contribution c : members) {
            if (!isRefused(c)) {
                return c.object().create(instanceId, resources);
            }
        }
        throw LwM2mException.notAllowed("object " + objectId + " on endpoint '" + endpoint + "' has no contributor to create in");
    }

    private synchronized boolean isRefused(Contribution c) {
        return refused.contains(c.serviceId());
    }

    @Override
    public CompletionStage<Void> delete(int instanceId) {
        return owner(instanceId).delete(instanceId);
    }

    /** Passes on what one member reports, for the instances it answers for (instance changes always). */
    private final class MemberListener implements ObjectListener {
        private final Contribution member;
        private final ObjectListener to;

        MemberListener(Contribution member, ObjectListener to) {
            this.member = member;
            this.to = to;
        }

        private boolean answers(int instanceId) {
            return owners.get(instanceId) == member;
        }

        @Override
        public void resourcesChanged(int instanceId, int... resourceIds) {
            if (answers(instanceId)) {
                to.resourcesChanged(instanceId, resourceIds);
            }
        }

        @Override
        public void valuesChanged(int instanceId, List<Resource> values) {
            if (answers(instanceId)) {
                to.valuesChanged(instanceId, values);
            }
        }

        @Override
        public void sendRequested(int instanceId, int... resourceIds) {
            if (answers(instanceId)) {
                to.sendRequested(instanceId, resourceIds);
            }
        }

        @Override
        public void instancesChanged() {
            to.instancesChanged();
        }
    }
}
