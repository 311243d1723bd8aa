"""Field service (送货安装与上门服务): orders, delivery and installation appointments, dispatch with routes, signed service records."""
