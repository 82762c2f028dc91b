/**
 * The Collections Monitor adapter: {@link io.smsfoundation.adapter.monitor.MonitorTenantDirectory}
 * looks tenants up and pushes their language over the Monitor's HTTP API, behind Failsafe policies
 * configured by {@link io.smsfoundation.adapter.monitor.MonitorSettings}.
 */
package io.smsfoundation.adapter.monitor;
