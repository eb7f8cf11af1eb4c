package dev.sluice.config;

import dev.sluice.proxy.UpstreamSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph Sluice serves without a config file (docs/architecture.md), shaped by the {@code serve} options: the hosted
 * source {@code local}, and with an upstream the proxy source {@code pypi} behind Cooldown and AllowDeny when
 * asked for, always behind Reserve (every name {@code local} holds, and the reserved names), all under
 * FirstOwner(local, upstream) at {@code /simple/}. The guarded upstream alone is at
 * {@code /indexes/<upstream>/simple/}.
 *
 * @param upstream null for hosted packages only
 * @param cooldown null for no cooldown
 */
public record DefaultGraph(UpstreamSettings upstream, List<String> reserved, Duration cooldown, List<String> cooldownExempt,
        List<String> allow, List<String> deny, boolean privateRead) {
    public static final String HOSTED = "local";

    public static DefaultGraph hostedOnly() {
        return new DefaultGraph(null, List.of(), null, List.of(), List.of(), List.of(), false);
    }

    public static DefaultGraph of(UpstreamSettings upstream) {
        return hostedOnly().withUpstream(upstream);
    }

    public DefaultGraph withUpstream(UpstreamSettings settings) {
        return new DefaultGraph(settings, reserved, cooldown, cooldownExempt, allow, deny, privateRead);
    }

    public DefaultGraph withReserved(List<String> names) {
        return new DefaultGraph(upstream, List.copyOf(names), cooldown, cooldownExempt, allow, deny, privateRead);
    }

    public DefaultGraph withCooldown(Duration period, List<String> exempt) {
        return new DefaultGraph(upstream, reserved, period, List.copyOf(exempt), allow, deny, privateRead);
    }

    public DefaultGraph withAllowDeny(List<String> allowRules, List<String> denyRules) {
        return new DefaultGraph(upstream, reserved, cooldown, cooldownExempt, List.copyOf(allowRules), List.copyOf(denyRules),
                privateRead);
    }

    /** Every route readable only with credentials (accounts or tokens with a read scope). */
    public DefaultGraph withPrivateRead(boolean onlyWithCredentials) {
        return new DefaultGraph(upstream, reserved, cooldown, cooldownExempt, allow, deny, onlyWithCredentials);
    }

    public GraphConfig graph() {
        Map<String, NodeConfig> nodes = new LinkedHashMap<>();
        nodes.put(HOSTED, new NodeConfig.Hosted(HOSTED));
        List<GraphConfig.Route> routes = new ArrayList<>();
        if (upstream == null) {
            routes.add(new GraphConfig.Route("simple", "/simple/", HOSTED, !privateRead));
            return new GraphConfig(nodes, routes);
        }
        String name = upstream.name();
        nodes.put(name, new NodeConfig.Proxy(name, upstream));
        String top = name;
        if (cooldown != null) {
            nodes.put(name + "-cooldown", new CooldownConfig(name + "-cooldown", top, cooldown, cooldownExempt));
            top = name + "-cooldown";
        }
        if (!allow.isEmpty() || !deny.isEmpty()) {
            nodes.put(name + "-allow-deny", new AllowDenyConfig(name + "-allow-deny", top, allow, deny));
            top = name + "-allow-deny";
        }
        nodes.put(name + "-reserved", new ReserveConfig(name + "-reserved", top, reserved, List.of(HOSTED)));
        nodes.put("default", new FirstOwnerConfig("default", List.of(HOSTED, name + "-reserved")));
        routes.add(new GraphConfig.Route("simple", "/simple/", "default", !privateRead));
        routes.add(new GraphConfig.Route(name, "/indexes/" + name + "/simple/", name + "-reserved", !privateRead));
        return new GraphConfig(nodes, routes);
    }
}
